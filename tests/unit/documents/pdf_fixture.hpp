// Hand-made PDF files for the reader and merger tests: objects given as text, offsets and the classic
// cross-reference table computed here, so each test shows exactly the structure it is about.
#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace kingkung::documents::test {

// Objects numbered 1..n; `trailer_extra` is added inside the trailer dictionary. Returns the bytes.
inline std::string classic_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra = {},
                               long root = 1) {
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root " + std::to_string(root) +
         " 0 R " + trailer_extra + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

inline std::string stream_object(const std::string& dict_extra, const std::string& data) {
  return "<< /Length " + std::to_string(data.size()) + " " + dict_extra + " >>\nstream\n" + data +
         "\nendstream";
}

// A one-page document showing `text`, with MediaBox and Resources inherited from the page tree.
inline std::string inherited_page_pdf(const std::string& text) {
  return classic_pdf({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 300] /Resources << /Font << /F1 5 0 R >> >> "
      ">>",
      "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
      stream_object("", "BT /F1 12 Tf 10 10 Td (" + text + ") Tj ET"),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  });
}

}  // namespace kingkung::documents::test
