#include "test_pki.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace kingkung::live::testkit {
namespace {

struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct x509_free {
  void operator()(X509* x) const { X509_free(x); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what + " failed");
}

pkey_ptr new_key() {
  pkey_ptr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EC key generation");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(ext != nullptr, "certificate extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

x509_ptr new_cert(EVP_PKEY* key, const std::string& common_name, long serial, long valid_from,
                  long valid_until) {
  x509_ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), valid_from);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), valid_until);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("KingKung Tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  return cert;
}

std::string key_to_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  check(PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "key PEM");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

std::string cert_to_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  check(PEM_write_bio_X509(bio, cert) == 1, "certificate PEM");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

constexpr long day = 24 * 60 * 60;

}  // namespace

struct test_ca::state {
  pkey_ptr key;
  x509_ptr cert;
  std::string pem;
  mutable std::atomic<long> next_serial{2};
};

test_ca::test_ca(const std::string& name) : s_(std::make_unique<state>()) {
  s_->key = new_key();
  s_->cert = new_cert(s_->key.get(), name, 1, -day, 30 * day);
  X509_set_issuer_name(s_->cert.get(), X509_get_subject_name(s_->cert.get()));
  add_extension(s_->cert.get(), s_->cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(s_->cert.get(), s_->cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(s_->cert.get(), s_->cert.get(), NID_subject_key_identifier, "hash");
  check(X509_sign(s_->cert.get(), s_->key.get(), EVP_sha256()) > 0, "CA signature");
  s_->pem = cert_to_pem(s_->cert.get());
}

test_ca::~test_ca() = default;

const std::string& test_ca::cert_pem() const {
  return s_->pem;
}

key_and_cert test_ca::issue(const cert_request& request) const {
  pkey_ptr key = new_key();
  const long from = request.expired ? -2 * day : -day;
  const long until = request.expired ? -day : 30 * day;
  x509_ptr cert = new_cert(key.get(), request.common_name, s_->next_serial++, from, until);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(s_->cert.get()));
  add_extension(cert.get(), s_->cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), s_->cert.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_extension(cert.get(), s_->cert.get(), NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), s_->cert.get(), NID_authority_key_identifier, "keyid:always");
  std::string san;
  for (const auto& dns : request.dns_names) san += (san.empty() ? "" : ",") + std::string("DNS:") + dns;
  for (const auto& ip : request.ip_addresses) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  if (!san.empty()) add_extension(cert.get(), s_->cert.get(), NID_subject_alt_name, san);
  check(X509_sign(cert.get(), s_->key.get(), EVP_sha256()) > 0, "certificate signature");
  return {key_to_pem(key.get()), cert_to_pem(cert.get())};
}

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kingkung-live-XXXXXX").string();
  check(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string temp_dir::write(const std::string& name, const std::string& content) const {
  std::string full = (std::filesystem::path(path_) / name).string();
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out << content;
  check(static_cast<bool>(out), "writing a temp file");
  return full;
}

}  // namespace kingkung::live::testkit
