// order_repository on both backends: idempotent batch upserts, status that never moves backwards,
// keyset pagination, exact money.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "kingkung/storage/order_repository.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::decimal;
using kingkung::domain::order;
using kingkung::domain::order_status;
using kingkung::plugin::errc;
using kingkung::storage::order_page_request;
using kingkung::storage::order_repository;
using kingkung::test::money;
using kingkung::test::sample_order;

class StorageOrders : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    seller_ = kingkung::test::add_seller(db(), "Acme");
    kingkung::test::add_shop_row(db(), seller_, "shop-mx");
    kingkung::test::add_shop_row(db(), seller_, "shop-br");
  }

  order stored(const std::string& id, const std::string& shop = "shop-mx") {
    auto got = order_repository(db()).get(shop, id);
    EXPECT_TRUE(got.ok()) << got.err().message;
    if (!got.ok() || !got->has_value()) {
      ADD_FAILURE() << "order " << id << " not stored";
      return {};
    }
    return **got;
  }

  int count(const std::string& table) {
    int n = 0;
    *db().acquire() << "SELECT count(*) FROM " + table, soci::into(n);
    return n;
  }

  std::int64_t seller_ = 0;
};

TEST_P(StorageOrders, UpsertInsertsOrdersWithTheirLines) {
  order_repository orders(db());
  auto summary = orders.upsert({sample_order("shop-mx", "1001", order_status::awaiting_shipment, 100, 100)});
  ASSERT_TRUE(summary.ok()) << summary.err().message;
  EXPECT_EQ(summary->inserted, 1u);
  order o = stored("1001");
  EXPECT_EQ(o.status, order_status::awaiting_shipment);
  EXPECT_EQ(o.pay.total_amount, money("229.90"));
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[0].id, "1001-1");
  EXPECT_EQ(o.lines[1].id, "1001-2");
  EXPECT_EQ(o.lines[0].sale_price, money("99.95"));
}

TEST_P(StorageOrders, EveryFieldRoundTrips) {
  order in = sample_order("shop-mx", "2001", order_status::partially_shipping, 1700000000, 1700000500);
  in.status_text = "PARTIALLY_SHIPPING";
  in.paid_time = 1700000010;
  in.rts_sla_time = 1700000020;
  in.shipping_due_time = 1700000030;
  in.cancel_time = 1700000040;
  in.rts_time = 1700000050;
  in.tts_sla_time = 1700000060;
  in.collection_due_time = 1700000070;
  in.delivery_due_time = 1700000080;
  in.delivery_time = 1700000090;
  in.collection_time = 1700000100;
  in.request_cancel_time = 1700000110;
  in.cancel_order_sla_time = 1700000120;
  in.buyer_user_id = "buyer-9";
  in.buyer_email = "b***@example.com";
  in.buyer_message = "Por favor, entregar à tarde — obrigado! 🙏";
  in.seller_note = "fragile";
  in.shipping_type = "TIKTOK";
  in.fulfillment_type = "FULFILLMENT_BY_SELLER";
  in.delivery_option_name = "Standard";
  in.shipping_provider = "Estafeta";
  in.tracking_number = "TN123";
  in.warehouse_id = "wh-1";
  in.split_or_combine_tag = "split";
  in.is_on_hold_order = true;
  in.is_cod = true;
  in.cancel_reason = "none";
  in.cancellation_initiator = "SELLER";
  in.need_upload_invoice = "NEED_INVOICE";
  in.cpf = "123.456.789-09";
  in.cpf_name = "João";
  in.delivery_type = "HOME_DELIVERY";
  in.delivery_option_id = "opt-1";
  in.shipping_provider_id = "sp-1";
  in.order_type = "NORMAL";
  in.commerce_platform = "TIKTOK_SHOP";
  in.replaced_order_id = "1999";
  in.is_sample_order = true;
  in.is_replacement_order = true;
  in.is_buyer_request_cancel = true;
  in.pay.seller_discount = money("1.1");
  in.pay.platform_discount = money("2.2");
  in.pay.tax = money("3.3");
  in.pay.original_total_product_price = money("4.4");
  in.pay.original_shipping_fee = money("5.5");
  in.pay.product_tax = money("6.6");
  in.pay.shipping_fee_tax = money("7.7");
  in.pay.retail_delivery_fee = money("8.8");
  in.pay.small_order_fee = money("9.9");
  in.pay.buyer_service_fee = money("10.1");
  in.pay.shipping_fee_seller_discount = money("11.11");
  in.pay.shipping_fee_platform_discount = money("12.12");
  in.recipient.phone_number = "(+52)55****1234";
  in.recipient.full_address = "Calle 1, CDMX";
  in.recipient.postal_code = "01000";
  in.recipient.region_code = "MX";
  in.recipient.address_line1 = "l1";
  in.recipient.address_line2 = "l2";
  in.recipient.address_line3 = "l3";
  in.recipient.address_line4 = "l4";
  in.recipient.first_name = "Ana";
  in.recipient.last_name = "López";
  in.recipient.address_detail = "Depto 4";
  in.recipient.district_info = {{"L0", "Country", "México"}, {"L1", "State", "CDMX"}};
  in.package_ids = {"pkg-1", "pkg-2"};
  auto& l = in.lines[0];
  l.sku_name = "Rojo / M";
  l.sku_image = "https://example.com/i.jpg";
  l.seller_sku = "CAM-R-M";
  l.seller_discount = money("0.5");
  l.platform_discount = money("0.25");
  l.display_status = "AWAITING_COLLECTION";
  l.package_status = "TO_FULFILL";
  l.package_id = "pkg-1";
  l.tracking_number = "TN-L1";
  l.shipping_provider_name = "Estafeta";
  l.shipping_provider_id = "sp-1";
  l.is_gift = true;
  l.sku_type = "PRE_ORDER";
  l.cancel_reason = "r";
  l.cancel_user = "u";
  l.rts_time = 1700000200;

  ASSERT_TRUE(order_repository(db()).upsert({in}).ok());
  order out = stored("2001");

  EXPECT_EQ(out.shop_id, in.shop_id);
  EXPECT_EQ(out.status, in.status);
  EXPECT_EQ(out.status_text, in.status_text);
  for (auto [a, b] : {std::pair{out.create_time, in.create_time},
                      {out.update_time, in.update_time},
                      {out.paid_time, in.paid_time},
                      {out.rts_sla_time, in.rts_sla_time},
                      {out.shipping_due_time, in.shipping_due_time},
                      {out.cancel_time, in.cancel_time},
                      {out.rts_time, in.rts_time},
                      {out.tts_sla_time, in.tts_sla_time},
                      {out.collection_due_time, in.collection_due_time},
                      {out.delivery_due_time, in.delivery_due_time},
                      {out.delivery_time, in.delivery_time},
                      {out.collection_time, in.collection_time},
                      {out.request_cancel_time, in.request_cancel_time},
                      {out.cancel_order_sla_time, in.cancel_order_sla_time}})
    EXPECT_EQ(a, b);
  for (auto [a, b] : {std::pair{&out.buyer_user_id, &in.buyer_user_id},
                      {&out.buyer_email, &in.buyer_email},
                      {&out.buyer_message, &in.buyer_message},
                      {&out.seller_note, &in.seller_note},
                      {&out.shipping_type, &in.shipping_type},
                      {&out.fulfillment_type, &in.fulfillment_type},
                      {&out.delivery_option_name, &in.delivery_option_name},
                      {&out.shipping_provider, &in.shipping_provider},
                      {&out.tracking_number, &in.tracking_number},
                      {&out.warehouse_id, &in.warehouse_id},
                      {&out.split_or_combine_tag, &in.split_or_combine_tag},
                      {&out.cancel_reason, &in.cancel_reason},
                      {&out.cancellation_initiator, &in.cancellation_initiator},
                      {&out.need_upload_invoice, &in.need_upload_invoice},
                      {&out.cpf, &in.cpf},
                      {&out.cpf_name, &in.cpf_name},
                      {&out.delivery_type, &in.delivery_type},
                      {&out.delivery_option_id, &in.delivery_option_id},
                      {&out.shipping_provider_id, &in.shipping_provider_id},
                      {&out.order_type, &in.order_type},
                      {&out.commerce_platform, &in.commerce_platform},
                      {&out.replaced_order_id, &in.replaced_order_id},
                      {&out.raw_json, &in.raw_json},
                      {&out.pay.currency, &in.pay.currency},
                      {&out.recipient.name, &in.recipient.name},
                      {&out.recipient.phone_number, &in.recipient.phone_number},
                      {&out.recipient.full_address, &in.recipient.full_address},
                      {&out.recipient.postal_code, &in.recipient.postal_code},
                      {&out.recipient.region_code, &in.recipient.region_code},
                      {&out.recipient.address_line1, &in.recipient.address_line1},
                      {&out.recipient.address_line2, &in.recipient.address_line2},
                      {&out.recipient.address_line3, &in.recipient.address_line3},
                      {&out.recipient.address_line4, &in.recipient.address_line4},
                      {&out.recipient.first_name, &in.recipient.first_name},
                      {&out.recipient.last_name, &in.recipient.last_name},
                      {&out.recipient.address_detail, &in.recipient.address_detail}})
    EXPECT_EQ(*a, *b);
  for (auto [a, b] : {std::pair{out.is_on_hold_order, in.is_on_hold_order},
                      {out.is_cod, in.is_cod},
                      {out.is_sample_order, in.is_sample_order},
                      {out.is_replacement_order, in.is_replacement_order},
                      {out.is_buyer_request_cancel, in.is_buyer_request_cancel}})
    EXPECT_EQ(a, b);
  for (auto [a, b] : {std::pair{out.pay.sub_total, in.pay.sub_total},
                      {out.pay.shipping_fee, in.pay.shipping_fee},
                      {out.pay.seller_discount, in.pay.seller_discount},
                      {out.pay.platform_discount, in.pay.platform_discount},
                      {out.pay.tax, in.pay.tax},
                      {out.pay.total_amount, in.pay.total_amount},
                      {out.pay.original_total_product_price, in.pay.original_total_product_price},
                      {out.pay.original_shipping_fee, in.pay.original_shipping_fee},
                      {out.pay.product_tax, in.pay.product_tax},
                      {out.pay.shipping_fee_tax, in.pay.shipping_fee_tax},
                      {out.pay.retail_delivery_fee, in.pay.retail_delivery_fee},
                      {out.pay.small_order_fee, in.pay.small_order_fee},
                      {out.pay.buyer_service_fee, in.pay.buyer_service_fee},
                      {out.pay.shipping_fee_seller_discount, in.pay.shipping_fee_seller_discount},
                      {out.pay.shipping_fee_platform_discount, in.pay.shipping_fee_platform_discount}})
    EXPECT_EQ(a.to_string(4), b.to_string(4));
  ASSERT_EQ(out.recipient.district_info.size(), 2u);
  EXPECT_EQ(out.recipient.district_info[0].address_name, "México");
  EXPECT_EQ(out.recipient.district_info[1].address_level_name, "State");
  EXPECT_EQ(out.package_ids, in.package_ids);

  ASSERT_EQ(out.lines.size(), 2u);
  const auto& ol = out.lines[0];
  for (auto [a, b] : {std::pair{&ol.id, &l.id},
                      {&ol.sku_id, &l.sku_id},
                      {&ol.product_id, &l.product_id},
                      {&ol.product_name, &l.product_name},
                      {&ol.sku_name, &l.sku_name},
                      {&ol.sku_image, &l.sku_image},
                      {&ol.seller_sku, &l.seller_sku},
                      {&ol.currency, &l.currency},
                      {&ol.display_status, &l.display_status},
                      {&ol.package_status, &l.package_status},
                      {&ol.package_id, &l.package_id},
                      {&ol.tracking_number, &l.tracking_number},
                      {&ol.shipping_provider_name, &l.shipping_provider_name},
                      {&ol.shipping_provider_id, &l.shipping_provider_id},
                      {&ol.sku_type, &l.sku_type},
                      {&ol.cancel_reason, &l.cancel_reason},
                      {&ol.cancel_user, &l.cancel_user}})
    EXPECT_EQ(*a, *b);
  EXPECT_EQ(ol.original_price, l.original_price);
  EXPECT_EQ(ol.sale_price, l.sale_price);
  EXPECT_EQ(ol.seller_discount, l.seller_discount);
  EXPECT_EQ(ol.platform_discount, l.platform_discount);
  EXPECT_EQ(ol.is_gift, l.is_gift);
  EXPECT_EQ(ol.rts_time, l.rts_time);
}

TEST_P(StorageOrders, UpsertingTheSameBatchTwiceChangesNothing) {
  order_repository orders(db());
  std::vector<order> batch = {sample_order("shop-mx", "1", order_status::unpaid, 100, 100),
                              sample_order("shop-mx", "2", order_status::awaiting_shipment, 110, 120)};
  ASSERT_TRUE(orders.upsert(batch).ok());
  auto again = orders.upsert(batch);
  ASSERT_TRUE(again.ok()) << again.err().message;
  EXPECT_EQ(again->inserted, 0u);
  EXPECT_EQ(again->updated, 0u);
  EXPECT_EQ(again->unchanged, 2u);
  EXPECT_EQ(count("orders"), 2);
  EXPECT_EQ(count("order_lines"), 4);
  EXPECT_EQ(count("order_status_history"), 2);
  EXPECT_EQ(stored("2").status, order_status::awaiting_shipment);
}

TEST_P(StorageOrders, AnOlderUpdateNeverOverwritesANewerOne) {
  order_repository orders(db());
  auto newer = sample_order("shop-mx", "7", order_status::awaiting_collection, 100, 300);
  newer.tracking_number = "NEW";
  ASSERT_TRUE(orders.upsert({newer}).ok());
  auto older = sample_order("shop-mx", "7", order_status::awaiting_shipment, 100, 200);
  older.tracking_number = "OLD";
  auto summary = orders.upsert({older});
  ASSERT_TRUE(summary.ok()) << summary.err().message;
  EXPECT_EQ(summary->stale, 1u);
  order o = stored("7");
  EXPECT_EQ(o.status, order_status::awaiting_collection);
  EXPECT_EQ(o.tracking_number, "NEW");
  EXPECT_EQ(o.update_time, 300);
}

TEST_P(StorageOrders, AtTheSameUpdateTimeALowerStatusIsIgnored) {
  order_repository orders(db());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "8", order_status::in_transit, 100, 500)}).ok());
  auto summary = orders.upsert({sample_order("shop-mx", "8", order_status::awaiting_shipment, 100, 500)});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->stale, 1u);
  EXPECT_EQ(stored("8").status, order_status::in_transit);
}

TEST_P(StorageOrders, AtTheSameUpdateTimeAHigherStatusWins) {
  order_repository orders(db());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "9", order_status::awaiting_shipment, 100, 500)}).ok());
  auto summary = orders.upsert({sample_order("shop-mx", "9", order_status::awaiting_collection, 100, 500)});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->updated, 1u);
  EXPECT_EQ(stored("9").status, order_status::awaiting_collection);
}

TEST_P(StorageOrders, ANewerSnapshotWithALowerStatusUpdatesTheRestButKeepsTheStatus) {
  order_repository orders(db());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "10", order_status::cancelled, 100, 200)}).ok());
  auto late = sample_order("shop-mx", "10", order_status::awaiting_shipment, 100, 900);
  late.seller_note = "checked";
  auto summary = orders.upsert({late});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->updated, 1u);
  order o = stored("10");
  EXPECT_EQ(o.status, order_status::cancelled);
  EXPECT_EQ(o.status_text, "CANCELLED");
  EXPECT_EQ(o.seller_note, "checked");
  EXPECT_EQ(o.update_time, 900);
}

TEST_P(StorageOrders, WithinOneBatchTheNewestSnapshotWinsWhateverItsPosition) {
  order_repository orders(db());
  auto summary = orders.upsert({sample_order("shop-mx", "11", order_status::in_transit, 100, 300),
                                sample_order("shop-mx", "11", order_status::awaiting_shipment, 100, 200)});
  ASSERT_TRUE(summary.ok()) << summary.err().message;
  EXPECT_EQ(summary->inserted, 1u);
  EXPECT_EQ(summary->stale, 1u);
  EXPECT_EQ(stored("11").status, order_status::in_transit);
}

TEST_P(StorageOrders, StatusChangesAreRecordedInOrder) {
  order_repository orders(db());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "12", order_status::unpaid, 100, 100)}).ok());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "12", order_status::awaiting_shipment, 100, 200)}).ok());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "12", order_status::in_transit, 100, 300)}).ok());
  std::vector<std::string> from(10), to(10);
  *db().acquire()
      << "SELECT from_status, to_status FROM order_status_history WHERE order_id = '12' ORDER BY id",
      soci::into(from), soci::into(to);
  ASSERT_EQ(from.size(), 3u);
  EXPECT_EQ(from[0] + ">" + to[0], ">UNPAID");
  EXPECT_EQ(from[1] + ">" + to[1], "UNPAID>AWAITING_SHIPMENT");
  EXPECT_EQ(from[2] + ">" + to[2], "AWAITING_SHIPMENT>IN_TRANSIT");
}

TEST_P(StorageOrders, AnUpdateReplacesTheLineItems) {
  order_repository orders(db());
  ASSERT_TRUE(orders.upsert({sample_order("shop-mx", "13", order_status::awaiting_shipment, 100, 100)}).ok());
  auto fewer = sample_order("shop-mx", "13", order_status::awaiting_shipment, 100, 200);
  fewer.lines.erase(fewer.lines.begin());
  ASSERT_TRUE(orders.upsert({fewer}).ok());
  order o = stored("13");
  ASSERT_EQ(o.lines.size(), 1u);
  EXPECT_EQ(o.lines[0].id, "13-2");
  EXPECT_EQ(count("order_lines"), 1);
}

TEST_P(StorageOrders, ANewerSnapshotLaterInTheSameBatchReplacesTheLinesAndRecordsBothChanges) {
  auto first = sample_order("shop-mx", "16", order_status::unpaid, 100, 100);
  auto second = sample_order("shop-mx", "16", order_status::awaiting_shipment, 100, 200);
  second.lines.erase(second.lines.begin());
  second.lines[0].product_name = "Camiseta azul";
  auto summary = order_repository(db()).upsert({first, second});
  ASSERT_TRUE(summary.ok()) << summary.err().message;
  EXPECT_EQ(summary->inserted, 1u);
  EXPECT_EQ(summary->updated, 1u);
  order o = stored("16");
  ASSERT_EQ(o.lines.size(), 1u);
  EXPECT_EQ(o.lines[0].id, "16-2");
  EXPECT_EQ(o.lines[0].product_name, "Camiseta azul");
  EXPECT_EQ(count("order_lines"), 1);
  std::vector<std::string> from(10), to(10);
  *db().acquire()
      << "SELECT from_status, to_status FROM order_status_history WHERE order_id = '16' ORDER BY id",
      soci::into(from), soci::into(to);
  ASSERT_EQ(from.size(), 2u);
  EXPECT_EQ(from[0] + ">" + to[0], ">UNPAID");
  EXPECT_EQ(from[1] + ">" + to[1], "UNPAID>AWAITING_SHIPMENT");
}

TEST_P(StorageOrders, ABatchOfMoreLinesThanOneMultiRowInsertStoresEveryLineOfEveryOrder) {
  std::vector<order> batch;
  for (int i = 0; i < 130; ++i) {  // 260 lines and 130 history rows: more than two statements' worth
    auto o = sample_order("shop-mx", std::to_string(5000 + i), order_status::awaiting_shipment, 100, 100 + i);
    o.lines[1].product_name = "Line two of " + std::to_string(5000 + i) + " with 'quotes' and \\ backslash";
    batch.push_back(std::move(o));
  }
  auto summary = order_repository(db()).upsert(batch);
  ASSERT_TRUE(summary.ok()) << summary.err().message;
  EXPECT_EQ(summary->inserted, 130u);
  EXPECT_EQ(count("order_lines"), 260);
  EXPECT_EQ(count("order_status_history"), 130);
  for (int i : {0, 99, 100, 129}) {
    order o = stored(std::to_string(5000 + i));
    ASSERT_EQ(o.lines.size(), 2u) << i;
    EXPECT_EQ(o.lines[0].id, std::to_string(5000 + i) + "-1");
    EXPECT_EQ(o.lines[1].product_name,
              "Line two of " + std::to_string(5000 + i) + " with 'quotes' and \\ backslash");
    EXPECT_EQ(o.lines[0].sale_price, money("99.95"));
  }
}

TEST_P(StorageOrders, AMalformedOrderFailsTheWholeBatchAndStoresNothing) {
  order_repository orders(db());
  auto bad = sample_order("shop-mx", std::string(65, '9'), order_status::unpaid, 100, 100);
  auto result = orders.upsert({sample_order("shop-mx", "14", order_status::unpaid, 100, 100), bad});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.err().code, errc::invalid_argument);
  EXPECT_NE(result.err().message.find("order 2 of 2"), std::string::npos) << result.err().message;
  EXPECT_NE(result.err().message.find("id must be 1 to 64 characters"), std::string::npos)
      << result.err().message;
  EXPECT_EQ(count("orders"), 0);
}

TEST_P(StorageOrders, ADuplicateLineIdIsRejected) {
  auto o = sample_order("shop-mx", "15", order_status::unpaid, 100, 100);
  o.lines[1].id = o.lines[0].id;
  auto result = order_repository(db()).upsert({o});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.err().code, errc::invalid_argument);
  EXPECT_NE(result.err().message.find("appears twice"), std::string::npos) << result.err().message;
}

TEST_P(StorageOrders, AnOrderOfAnUnknownShopFailsTheWholeBatch) {
  order_repository orders(db());
  auto result = orders.upsert({sample_order("shop-mx", "16", order_status::unpaid, 100, 100),
                               sample_order("shop-zz", "17", order_status::unpaid, 100, 100)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.err().code, errc::not_found);
  EXPECT_NE(result.err().message.find("shop-zz"), std::string::npos) << result.err().message;
  EXPECT_EQ(count("orders"), 0);
}

TEST_P(StorageOrders, GetOfAMissingOrderIsEmpty) {
  auto got = order_repository(db()).get("shop-mx", "404");
  ASSERT_TRUE(got.ok()) << got.err().message;
  EXPECT_FALSE(got->has_value());
}

TEST_P(StorageOrders, TheSameOrderIdInTwoShopsIsTwoOrders) {
  order_repository orders(db());
  auto mx = sample_order("shop-mx", "42", order_status::unpaid, 100, 100);
  auto br = sample_order("shop-br", "42", order_status::delivered, 100, 100);
  br.pay.currency = "BRL";
  ASSERT_TRUE(orders.upsert({mx, br}).ok());
  EXPECT_EQ(stored("42", "shop-mx").status, order_status::unpaid);
  order b = stored("42", "shop-br");
  EXPECT_EQ(b.status, order_status::delivered);
  EXPECT_EQ(b.pay.currency, "BRL");
  EXPECT_EQ(b.lines.size(), 2u);
}

TEST_P(StorageOrders, ConcurrentUpsertsOfTheSameNewOrdersAllSucceed) {
  std::vector<order> batch;
  for (int i = 0; i < 20; ++i)
    batch.push_back(
        sample_order("shop-mx", "c" + std::to_string(i), order_status::awaiting_shipment, 100 + i, 100 + i));
  std::vector<std::string> failures;
  std::mutex m;
  auto worker = [&] {
    for (int round = 0; round < 5; ++round) {
      auto r = order_repository(db()).upsert(batch);
      if (!r.ok()) {
        std::lock_guard<std::mutex> lock(m);
        failures.push_back(r.err().message);
      }
    }
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  EXPECT_EQ(count("orders"), 20);
  EXPECT_EQ(count("order_lines"), 40);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageOrders);

class StorageOrderPages : public StorageOrders {
 protected:
  // Walks every page and returns the ids in the order visited.
  std::vector<std::string> walk(order_page_request request) {
    std::vector<std::string> ids;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = order_repository(db()).list(request);
      EXPECT_TRUE(page.ok()) << page.err().message;
      if (!page.ok()) break;
      EXPECT_LE(page->orders.size(), request.limit);
      for (const auto& o : page->orders) ids.push_back(o.id);
      if (page->next_cursor.empty()) break;
      request.cursor = page->next_cursor;
    }
    return ids;
  }

  // 23 orders; several share a create_time so the id has to break ties.
  void seed() {
    std::vector<order> batch;
    for (int i = 0; i < 23; ++i) {
      auto status = i % 3 == 0 ? order_status::awaiting_shipment : order_status::in_transit;
      batch.push_back(sample_order("shop-mx", "o" + std::to_string(100 + i), status, 1000 + (i / 4), 2000));
    }
    batch.push_back(sample_order("shop-br", "other-shop", order_status::awaiting_shipment, 1000, 2000));
    ASSERT_TRUE(order_repository(db()).upsert(batch).ok());
  }
};

TEST_P(StorageOrderPages, FollowingTheCursorVisitsEveryOrderExactlyOnce) {
  seed();
  auto ids = walk({"shop-mx", {}, "", 5});
  EXPECT_EQ(ids.size(), 23u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 23u);
}

TEST_P(StorageOrderPages, PagesAreNewestFirstThenByIdDescending) {
  seed();
  auto page = order_repository(db()).list({"shop-mx", {}, "", 23});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->orders.size(), 23u);
  EXPECT_TRUE(page->next_cursor.empty());
  for (std::size_t i = 1; i < page->orders.size(); ++i) {
    const auto& a = page->orders[i - 1];
    const auto& b = page->orders[i];
    EXPECT_TRUE(a.create_time > b.create_time || (a.create_time == b.create_time && a.id > b.id))
        << a.id << " before " << b.id;
  }
  EXPECT_EQ(page->orders.front().lines.size(), 2u);
}

TEST_P(StorageOrderPages, AStatusFilterReturnsOnlyThoseStatuses) {
  seed();
  order_page_request request{"shop-mx", {order_status::awaiting_shipment}, "", 3};
  auto ids = walk(request);
  EXPECT_EQ(ids.size(), 8u);  // i = 0, 3, ..., 21
  for (const auto& id : ids) EXPECT_EQ(stored(id).status, order_status::awaiting_shipment) << id;
}

TEST_P(StorageOrderPages, OrdersAddedWhilePagingDoNotShiftThePagesAlreadyServed) {
  seed();
  order_repository orders(db());
  auto first = orders.list({"shop-mx", {}, "", 10});
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_cursor.empty());
  std::vector<order> newer;
  for (int i = 0; i < 5; ++i)
    newer.push_back(sample_order("shop-mx", "new" + std::to_string(i), order_status::unpaid, 5000, 5000));
  ASSERT_TRUE(orders.upsert(newer).ok());
  std::vector<std::string> seen;
  for (const auto& o : first->orders) seen.push_back(o.id);
  auto rest = walk({"shop-mx", {}, first->next_cursor, 10});
  seen.insert(seen.end(), rest.begin(), rest.end());
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u);
}

TEST_P(StorageOrderPages, TheLastFullPageHasNoNextCursor) {
  seed();
  auto page = order_repository(db()).list({"shop-br", {}, "", 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->orders.size(), 1u);
  EXPECT_TRUE(page->next_cursor.empty());
}

TEST_P(StorageOrderPages, AForeignCursorIsRejected) {
  auto page = order_repository(db()).list({"shop-mx", {}, "page-2", 10});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().code, errc::invalid_argument);
  EXPECT_NE(page.err().message.find("\"page-2\""), std::string::npos) << page.err().message;
}

TEST_P(StorageOrderPages, ALimitOutsideOneTo500IsRejected) {
  EXPECT_EQ(order_repository(db()).list({"shop-mx", {}, "", 0}).err().code, errc::invalid_argument);
  EXPECT_EQ(order_repository(db()).list({"shop-mx", {}, "", 501}).err().code, errc::invalid_argument);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageOrderPages);

class StorageMoney : public StorageOrders {
 protected:
  void store_total(const std::string& id, const char* amount) {
    auto o = sample_order("shop-mx", id, order_status::unpaid, 100, 100);
    o.pay.total_amount = money(amount);
    ASSERT_TRUE(order_repository(db()).upsert({o}).ok());
  }
};

TEST_P(StorageMoney, AmountsRoundTripExactly) {
  for (const char* amount : {"0.1", "0.2", "0.3", "99999999.9999", "-0.0001", "0", "1234567.8901", "-42.5"}) {
    std::string id = std::string("m") + amount;
    store_total(id, amount);
    EXPECT_EQ(stored(id).pay.total_amount, money(amount)) << amount;
  }
}

TEST_P(StorageMoney, TheWholeRangeOfDecimalRoundTrips) {
  for (std::int64_t units :
       {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    auto o = sample_order("shop-mx", "edge" + std::to_string(units < 0), order_status::unpaid, 100, 100);
    o.pay.total_amount = decimal::from_units(units);
    ASSERT_TRUE(order_repository(db()).upsert({o}).ok());
    EXPECT_EQ(stored(o.id).pay.total_amount.units(), units);
  }
}

TEST_P(StorageMoney, SumsInTheDatabaseAreExact) {
  store_total("a", "0.1");
  store_total("b", "0.2");
  std::string sum;
  *db().acquire() << "SELECT SUM(total_amount) FROM orders", soci::into(sum);
  // SQLite: ten-thousandths; MySQL: DECIMAL text.
  EXPECT_EQ(sum, is_sqlite() ? "3000" : "0.3000");
  int equal = 0;
  *db().acquire() << (is_sqlite() ? "SELECT count(*) FROM orders HAVING SUM(total_amount) = 3000"
                                  : "SELECT count(*) FROM orders HAVING SUM(total_amount) = 0.3"),
      soci::into(equal);
  EXPECT_EQ(equal, 2);
}

TEST_P(StorageMoney, ColumnsUseAnExactType) {
  store_total("t", "12.34");
  std::string type;
  if (is_sqlite()) {
    long long units = 0;
    *db().acquire() << "SELECT typeof(total_amount), total_amount FROM orders WHERE id = 't'",
        soci::into(type), soci::into(units);
    EXPECT_EQ(type, "integer");
    EXPECT_EQ(units, 123400);
  } else {
    *db().acquire() << "SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE()"
                       " AND table_name = 'orders' AND column_name = 'total_amount'",
        soci::into(type);
    EXPECT_EQ(type, "decimal(19,4)");
  }
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageMoney);

}  // namespace
