#include <gtest/gtest.h>

#include "kingkung/br/invoice_module.hpp"
#include "module_fakes.hpp"

namespace kingkung::br {
namespace {

plugin::result<std::unique_ptr<plugin::market_module>> make_with(const test::fake_context& ctx) {
  return make_invoice_module(ctx, "7496002287415330818");
}

TEST(BrInvoiceConfig, AcceptsAnEmptyTable) {
  test::fake_context ctx;
  EXPECT_TRUE(make_with(ctx));
}

TEST(BrInvoiceConfig, AcceptsAFormattedNumericOrAlphanumericCnpj) {
  test::fake_context ctx;
  ctx.table.strings["cnpj"] = "11.222.333/0001-81";
  EXPECT_TRUE(make_with(ctx));
  ctx.table.strings["cnpj"] = "12.ABC.345/01DE-35";
  EXPECT_TRUE(make_with(ctx));
}

TEST(BrInvoiceConfig, RejectsACnpjWithWrongCheckDigitsNamingTheKey) {
  test::fake_context ctx;
  ctx.table.strings["cnpj"] = "11.222.333/0001-82";
  auto made = make_with(ctx);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(
      made.err().message,
      "test.toml [markets.BR.br-invoice]: key cnpj: expected the shop's CNPJ: 14 characters (12 of 0-9 or "
      "A-Z, then 2 check digits), here ending in 81, found \"11.222.333/0001-82\"");
}

TEST(BrInvoiceConfig, RejectsAToleranceGivenAsAFloat) {
  test::fake_context ctx;
  ctx.table.doubles["total_tolerance"] = 0.01;
  auto made = make_with(ctx);
  ASSERT_FALSE(made);
  EXPECT_NE(made.err().message.find("key total_tolerance: expected a quoted decimal"), std::string::npos);
}

TEST(BrInvoiceConfig, RejectsANegativeTolerance) {
  test::fake_context ctx;
  ctx.table.strings["total_tolerance"] = "-0.01";
  auto made = make_with(ctx);
  ASSERT_FALSE(made);
  EXPECT_NE(made.err().message.find("found \"-0.01\""), std::string::npos);
}

TEST(BrInvoiceConfig, RejectsAnUnknownKey) {
  test::fake_context ctx;
  ctx.table.strings["tolerance"] = "0.05";
  auto made = make_with(ctx);
  ASSERT_FALSE(made);
  EXPECT_NE(made.err().message.find("key tolerance: expected one of cnpj, total_tolerance"),
            std::string::npos);
}

}  // namespace
}  // namespace kingkung::br
