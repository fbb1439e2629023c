// A certificate authority made at run time for loopback tests and benches: nothing is read from disk
// and nothing expires between runs.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace kingkung::live::testkit {

struct key_and_cert {
  std::string key_pem;
  std::string cert_pem;
};

struct cert_request {
  std::string common_name = "localhost";
  std::vector<std::string> dns_names = {"localhost"};
  std::vector<std::string> ip_addresses = {"127.0.0.1"};
  bool expired = false;  // valid from two days ago until yesterday
};

class test_ca {
 public:
  explicit test_ca(const std::string& name = "KingKung Test CA");
  ~test_ca();
  test_ca(const test_ca&) = delete;
  test_ca& operator=(const test_ca&) = delete;

  const std::string& cert_pem() const;
  // A server certificate signed by this CA (EC P-256, SHA-256, serverAuth).
  key_and_cert issue(const cert_request& request = {}) const;

 private:
  struct state;
  std::unique_ptr<state> s_;
};

// A private folder under the system temp folder, removed with everything in it on destruction.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace kingkung::live::testkit
