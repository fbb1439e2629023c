#include <gtest/gtest.h>

#include "kingkung/documents/pdf_merge.hpp"
#include "kingkung/documents/pdf_reader.hpp"
#include "kingkung/documents/pdf_writer.hpp"
#include "pdf_fixture.hpp"

namespace kingkung::documents {
namespace {

using test::classic_pdf;
using test::stream_object;

std::string one_page(std::vector<std::string> lines) {
  page p{a6, {}, {}};
  int y = 380;
  for (auto& l : lines) p.texts.push_back({20, y -= 14, 10, false, std::move(l)});
  return write_pdf({p});
}

std::vector<std::string> texts_of(const std::string& bytes) {
  auto info = read_pdf(bytes);
  EXPECT_TRUE(info) << info.err().message;
  std::vector<std::string> out;
  if (info)
    for (const auto& p : info->pages) out.push_back(p.text);
  return out;
}

TEST(DocumentsPdfMerge, KeepsEveryPageOfEveryInputInOrder) {
  auto two =
      write_pdf({page{a6, {{10, 10, 10, false, "B1"}}, {}}, page{a6, {{10, 10, 10, false, "B2"}}, {}}});
  auto merged = merge_pdfs({{"a", one_page({"A"})}, {"b", two}, {"c", one_page({"C"})}});
  ASSERT_TRUE(merged) << merged.err().message;
  EXPECT_EQ(texts_of(*merged), (std::vector<std::string>{"A", "B1", "B2", "C"}));
}

TEST(DocumentsPdfMerge, PagesKeepWhatTheyInheritedFromTheirPageTree) {
  auto merged = merge_pdfs({{"inherited", test::inherited_page_pdf("HELLO")}, {"own", one_page({"X"})}});
  ASSERT_TRUE(merged) << merged.err().message;
  auto info = read_pdf(*merged);
  ASSERT_TRUE(info) << info.err().message;
  ASSERT_EQ(info->pages.size(), 2u);
  EXPECT_EQ(info->pages[0].media_box, "0 0 200 300");
  EXPECT_EQ(info->pages[0].text, "HELLO");
  EXPECT_NE(merged->find("/BaseFont /Helvetica"), std::string::npos);
  EXPECT_EQ(info->pages[1].media_box, "0 0 298 420");
}

TEST(DocumentsPdfMerge, FollowsIncrementalUpdatesToTheNewestObjects) {
  std::string base = test::inherited_page_pdf("OLD");
  const std::size_t old_xref = std::stoul(base.substr(base.rfind("startxref") + 10));
  std::string data = "BT /F1 12 Tf 10 10 Td (NEW) Tj ET";
  std::size_t at = base.size();
  base += "4 0 obj\n" + stream_object("", data) + "\nendobj\n";
  std::size_t xref = base.size();
  char line[21];
  std::snprintf(line, sizeof line, "%010zu 00000 n \n", at);
  base += "xref\n4 1\n" + std::string(line) + "trailer\n<< /Size 6 /Root 1 0 R /Prev " +
          std::to_string(old_xref) + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  auto merged = merge_pdfs({{"updated", base}});
  ASSERT_TRUE(merged) << merged.err().message;
  EXPECT_EQ(texts_of(*merged), (std::vector<std::string>{"NEW"}));
}

TEST(DocumentsPdfMerge, CopiesStreamBytesUnchanged) {
  std::string binary("\x00\x01\xff\x80 endstreamX", 15);
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>",
                          stream_object("/Filter /FlateDecode", binary)});
  auto merged = merge_pdfs({{"binary", pdf}});
  ASSERT_TRUE(merged) << merged.err().message;
  EXPECT_NE(merged->find(binary), std::string::npos);
  auto info = read_pdf(*merged);
  ASSERT_TRUE(info) << info.err().message;
  EXPECT_FALSE(info->pages[0].text_decoded);
}

TEST(DocumentsPdfMerge, RefusesCrossReferenceStreamsNamingTheInput) {
  std::string pdf = "%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  std::size_t xref = pdf.size();
  pdf += "2 0 obj\n" + stream_object("/Type /XRef /Size 3 /W [1 2 1] /Root 1 0 R", "xx") + "\nendobj\n";
  pdf += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  auto merged = merge_pdfs({{"label of package 77", one_page({"ok"})}, {"label of package 88", pdf}});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(merged.err().message.find("label of package 88"), std::string::npos);
  EXPECT_NE(merged.err().message.find("cross-reference stream"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesEncryptedFiles) {
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
                          "<< /Filter /Standard /V 2 /R 3 >>"},
                         "/Encrypt 3 0 R");
  auto merged = merge_pdfs({{"secret.pdf", pdf}});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.err().message.find("encrypted"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesObjectStreams) {
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
                          stream_object("/Type /ObjStm /N 1 /First 4", "5 0 << >>")});
  auto merged = merge_pdfs({{"compressed.pdf", pdf}});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.err().message.find("object stream"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesAPageThatNamesAMissingObject) {
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Page /Parent 2 0 R /Contents 9 0 R >>"});
  auto merged = merge_pdfs({{"broken.pdf", pdf}});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.err().message.find("object 9 is not in the cross-reference table"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesAPageTreeThatLoops) {
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"});
  auto merged = merge_pdfs({{"loop.pdf", pdf}});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.err().message.find("loops"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesATruncatedFile) {
  auto pdf = one_page({"x"});
  auto merged = merge_pdfs({{"truncated.pdf", pdf.substr(0, pdf.size() / 2)}});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.err().message.find("truncated.pdf cannot be merged"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesSomethingThatIsNotAPdf) {
  auto merged = merge_pdfs({{"page.html", "<html>not found</html>"}});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.err().message.find("not a PDF"), std::string::npos);
}

TEST(DocumentsPdfMerge, RefusesAnEmptyList) {
  auto merged = merge_pdfs({});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.err().code, plugin::errc::invalid_argument);
}

TEST(DocumentsPdfReader, ReadsAStreamWhoseLengthIsAnIndirectObject) {
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
                          "<< /Length 5 0 R >>\nstream\nBT (LEN) Tj ET\nendstream", "14"});
  auto info = read_pdf(pdf);
  ASSERT_TRUE(info) << info.err().message;
  EXPECT_EQ(info->pages[0].text, "LEN");
}

TEST(DocumentsPdfReader, StreamLengthsThatPointAtEachOtherDoNotLoopForever) {
  auto pdf = classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          "<< /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] >>",
                          "<< /Length 5 0 R >>\nstream\nBT (A) Tj ET\nendstream",
                          "<< /Length 4 0 R >>\nstream\nBT (B) Tj ET\nendstream"});
  auto info = read_pdf(pdf);
  ASSERT_TRUE(info) << info.err().message;
  EXPECT_EQ(info->pages[0].text, "A\nB");
}

}  // namespace
}  // namespace kingkung::documents
