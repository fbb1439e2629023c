#include <gtest/gtest.h>

#include "kingkung/documents/pdf_reader.hpp"
#include "kingkung/documents/pdf_writer.hpp"

namespace kingkung::documents {
namespace {

page page_with(std::vector<std::string> lines) {
  page p{a6, {}, {}};
  int y = 380;
  for (auto& l : lines) {
    p.texts.push_back({20, y, 10, false, std::move(l)});
    y -= 14;
  }
  return p;
}

TEST(DocumentsPdfWriter, WritesEachPageWithItsTextInOrder) {
  auto bytes =
      write_pdf({page_with({"first page", "TRK-0001"}), page_with({"second page"}), page_with({"third"})});
  auto info = read_pdf(bytes);
  ASSERT_TRUE(info) << info.err().message;
  ASSERT_EQ(info->pages.size(), 3u);
  EXPECT_EQ(info->pages[0].text, "first page\nTRK-0001");
  EXPECT_EQ(info->pages[1].text, "second page");
  EXPECT_EQ(info->pages[2].text, "third");
  EXPECT_EQ(info->pages[0].media_box, "0 0 298 420");
}

TEST(DocumentsPdfWriter, StartsWithTheHeaderAndEndsWithEof) {
  auto bytes = write_pdf({page_with({"x"})});
  EXPECT_EQ(bytes.rfind("%PDF-1.7\n", 0), 0u);
  EXPECT_EQ(bytes.substr(bytes.size() - 6), "%%EOF\n");
}

TEST(DocumentsPdfWriter, SameBytesForTheSamePages) {
  EXPECT_EQ(write_pdf({page_with({"a", "b"})}), write_pdf({page_with({"a", "b"})}));
}

TEST(DocumentsPdfWriter, KeepsAccentedLettersThroughWinAnsi) {
  auto info = read_pdf(write_pdf({page_with({"São Paulo, Ciudad de México — ok"})}));
  ASSERT_TRUE(info) << info.err().message;
  // The em dash is 0x97 in Windows-1252; the reader maps bytes back as Latin-1, so compare the accents.
  EXPECT_NE(info->pages[0].text.find("São Paulo, Ciudad de México"), std::string::npos);
}

TEST(DocumentsPdfWriter, EscapesParenthesesAndBackslashesInText) {
  auto info = read_pdf(write_pdf({page_with({R"(a (b) c\d)"})}));
  ASSERT_TRUE(info) << info.err().message;
  EXPECT_EQ(info->pages[0].text, R"(a (b) c\d)");
}

TEST(DocumentsPdfWriter, CharactersOutsideTheFontEncodingBecomeQuestionMarks) {
  EXPECT_EQ(to_win_ansi("日本 ok"), "?? ok");
  EXPECT_EQ(to_win_ansi("€"), "\x80");
}

TEST(DocumentsPdfWriter, NoPagesGivesOneBlankPage) {
  auto info = read_pdf(write_pdf({}));
  ASSERT_TRUE(info) << info.err().message;
  ASSERT_EQ(info->pages.size(), 1u);
  EXPECT_EQ(info->pages[0].text, "");
}

}  // namespace
}  // namespace kingkung::documents
