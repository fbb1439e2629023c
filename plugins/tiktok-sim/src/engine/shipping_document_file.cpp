#include "shipping_document_file.hpp"

#include <cstdio>
#include <vector>

#include "kingkung/sim/signer.hpp"

namespace kingkung::sim::detail {
namespace {

// UTF-8 to Latin-1 for the standard Helvetica font; anything beyond Latin-1 becomes '?'.
std::string latin1(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if ((c >> 5) == 0x6 && i + 1 < utf8.size()) {
      unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      out += cp >= 0xA0 && cp <= 0xFF ? static_cast<char>(cp) : '?';
      i += 2;
    } else {
      out += '?';
      ++i;
      while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::string pdf_string(std::string_view utf8) {
  std::string out = "(";
  for (unsigned char c : latin1(utf8)) {
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + ")";
}

struct canvas {
  std::string content;
  void text(int x, int y, int size, bool bold, std::string_view s) {
    content += "BT /" + std::string(bold ? "F2 " : "F1 ") + std::to_string(size) + " Tf " +
               std::to_string(x) + " " + std::to_string(y) + " Td " + pdf_string(s) + " Tj ET\n";
  }
  void bar(int x, int y, int w, int h) {
    content += std::to_string(x) + " " + std::to_string(y) + " " + std::to_string(w) + " " +
               std::to_string(h) + " re f\n";
  }
};

// Bars drawn from the tracking number's characters: a picture of a barcode, not a scannable one.
void barcode(canvas& c, std::string_view code, int x, int y, int height) {
  for (unsigned char ch : code) {
    for (int bit = 0; bit < 4; ++bit) {
      int w = ((ch >> bit) & 1) ? 2 : 1;
      c.bar(x, y, w, height);
      x += w + 1 + ((ch >> (bit + 4)) & 1);
    }
  }
}

std::string title_of(std::string_view type) {
  if (type == "PACKING_SLIP") return "PACKING SLIP";
  if (type == "SHIPPING_LABEL_AND_PACKING_SLIP") return "SHIPPING LABEL + PACKING SLIP";
  if (type == "INVOICE_LABEL") return "DANFE SIMPLIFICADO - ETIQUETA";
  if (type == "HAZMAT_LABEL") return "HAZMAT LABEL";
  return "SHIPPING LABEL";
}

std::string file_of(std::string_view content, int width, int height) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width) + " " + std::to_string(height) +
          "] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + std::string(content) + "\nendstream",
  };
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
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
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string link_sign(const sim_core& core, std::string_view path, std::int64_t expire) {
  return hmac_sha256_hex(core.cfg.app_secret, std::string(path) + "?expire=" + std::to_string(expire));
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

plugin::http_response plain(int status, std::string body) {
  plugin::http_response r;
  r.status = status;
  r.headers = {{"content-type", "text/plain; charset=utf-8"}};
  r.body = std::move(body);
  return r;
}

}  // namespace

std::string document_url(const sim_core& core, std::string_view package_id, std::string_view document_type,
                         std::string_view size, std::string_view format, std::int64_t now) {
  std::string path = std::string(document_path_prefix) + std::string(package_id) + "/" +
                     ascii_lower(document_type) + "_" + ascii_lower(size) +
                     (format == "ZPL" ? ".zpl" : ".pdf");
  const std::int64_t expire = now + document_link_lifetime;
  return std::string(document_base_url) + path + "?expire=" + std::to_string(expire) +
         "&sign=" + link_sign(core, path, expire);
}

bool is_document_path(std::string_view path) {
  return path.rfind(document_path_prefix, 0) == 0;
}

std::string render_document(const shop_state& shop, const package& p, std::string_view document_type,
                            std::string_view size) {
  const bool a5 = size == "A5";
  const int width = a5 ? 420 : 298, height = a5 ? 595 : 420;
  canvas c;
  int y = height - 30;
  c.text(16, y, 12, true, title_of(document_type));
  y -= 18;
  c.text(16, y, 9, false, "TikTok Shop - " + shop.cfg.name);
  y -= 26;
  if (!p.shipping_provider_name.empty()) {
    c.text(16, y, 11, true, p.shipping_provider_name);
    y -= 16;
  }
  c.text(16, y, 10, false, "Tracking number");
  y -= 16;
  c.text(16, y, 14, true, p.tracking_number.empty() ? "(not yet assigned)" : p.tracking_number);
  y -= 46;
  if (!p.tracking_number.empty()) barcode(c, p.tracking_number, 16, y, 40);
  y -= 20;
  c.text(16, y, 9, false, "Package " + p.id);
  y -= 13;
  std::string orders = "Order";
  if (p.order_ids.size() > 1) orders += "s";
  for (const auto& id : p.order_ids) orders += " " + id;
  c.text(16, y, 9, false, orders);
  y -= 22;
  if (!p.order_ids.empty())
    if (auto o = shop.orders.find(p.order_ids.front()); o != shop.orders.end()) {
      const auto& r = o->second.recipient;
      c.text(16, y, 10, true, "Ship to");
      y -= 14;
      c.text(16, y, 10, false, r.name.empty() ? r.first_name + " " + r.last_name : r.name);
      y -= 13;
      std::string address = r.full_address.empty() ? r.line1 : r.full_address;
      // Long addresses wrap by characters; the label is narrow.
      const std::size_t per_line = a5 ? 70 : 48;
      for (std::size_t at = 0; at < address.size() && y > 20; at += per_line) {
        c.text(16, y, 8, false, address.substr(at, per_line));
        y -= 11;
      }
      if (!r.postal_code.empty() && y > 20) c.text(16, y, 8, false, r.postal_code + " " + shop.cfg.region);
    }
  return file_of(c.content, width, height);
}

plugin::http_response serve_document(sim_core& core, const request_view& request, std::int64_t now) {
  if (request.method() != "GET") return plain(405, "document links answer GET only");
  std::string_view rest = std::string_view(request.path()).substr(document_path_prefix.size());
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return plain(404, "no such document");
  std::string package_id(rest.substr(0, slash));
  std::string_view file = rest.substr(slash + 1);
  auto underscore = file.rfind('_');
  const bool zpl = file.size() > 4 && file.substr(file.size() - 4) == ".zpl";
  if (underscore == std::string_view::npos || file.size() < 4 ||
      (file.substr(file.size() - 4) != ".pdf" && !zpl))
    return plain(404, "no such document");
  std::string type = ascii_upper(file.substr(0, underscore));
  std::string size = ascii_upper(file.substr(underscore + 1, file.size() - 4 - underscore - 1));
  auto expire_text = request.param("expire");
  auto sign = request.param("sign");
  std::int64_t expire = 0;
  if (expire_text && !expire_text->empty() && expire_text->size() < 19 &&
      expire_text->find_first_not_of("0123456789") == std::string::npos)
    expire = std::stoll(*expire_text);
  if (!sign || expire == 0 || !constant_time_equal(*sign, link_sign(core, request.path(), expire)))
    return plain(403, "the document link is not valid");
  if (now > expire) return plain(403, "the document link has expired; ask for the shipping document again");
  shop_state* shop = core.shop_of_package(package_id);
  if (!shop) return plain(404, "no such document");
  plugin::http_response r;
  r.status = 200;
  if (zpl) {
    const package& p = shop->packages.at(package_id);
    r.headers = {{"content-type", "application/octet-stream"}};
    r.body = "^XA^CI28^FO40,40^A0N,36,36^FD" + title_of(type) + "^FS^FO40,100^A0N,30,30^FD" +
             p.tracking_number + "^FS^FO40,150^BCN,100,Y,N,N^FD" + p.tracking_number +
             "^FS^FO40,290^A0N,24,24^FDPackage " + p.id + "^FS^XZ\n";
    return r;
  }
  r.headers = {{"content-type", "application/pdf"},
               {"content-disposition", "inline; filename=\"" + package_id + "_" + type + ".pdf\""}};
  r.body = render_document(*shop, shop->packages.at(package_id), type, size);
  return r;
}

}  // namespace kingkung::sim::detail
