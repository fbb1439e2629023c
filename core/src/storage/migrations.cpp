// The schema, one migration at a time. Append new migrations at the end; never edit one that has shipped.
// Conventions (types, money, collation) are described in kingkung/storage/migrations.hpp.
#include "kingkung/storage/migrations.hpp"

#include <array>

namespace kingkung::storage {
namespace {

constexpr std::string_view initial_sqlite = R"sql(
CREATE TABLE sellers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seller_id INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX users_by_seller ON users (seller_id);

CREATE TABLE sessions (
  id TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE shops (
  id TEXT NOT NULL PRIMARY KEY,
  seller_id INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  seller_type TEXT NOT NULL,
  cipher_sealed TEXT NOT NULL,
  transport TEXT NOT NULL,
  modules TEXT NOT NULL,
  granted_scopes TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('connected', 'needs_reauthorization', 'disconnected')),
  demo INTEGER NOT NULL DEFAULT 0,
  connected_at INTEGER NOT NULL,
  disconnected_at INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX shops_by_seller ON shops (seller_id);
CREATE INDEX shops_by_state ON shops (state, disconnected_at);
CREATE INDEX shops_by_demo ON shops (demo);

-- No foreign key to shops: the vault works on tokens by platform shop id alone (OAuth callback, refresh,
-- key rotation); disconnect and purge remove them explicitly.
CREATE TABLE shop_tokens (
  shop_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  sealed TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, kind)
) STRICT;
CREATE INDEX shop_tokens_by_expiry ON shop_tokens (kind, expires_at);

CREATE TABLE oauth_states (
  state TEXT NOT NULL PRIMARY KEY,
  seller_id INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  return_to TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at);

CREATE TABLE orders (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  status_text TEXT NOT NULL,
  status_rank INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  paid_time INTEGER NOT NULL,
  rts_sla_time INTEGER NOT NULL,
  shipping_due_time INTEGER NOT NULL,
  cancel_time INTEGER NOT NULL,
  rts_time INTEGER NOT NULL,
  tts_sla_time INTEGER NOT NULL,
  collection_due_time INTEGER NOT NULL,
  delivery_due_time INTEGER NOT NULL,
  delivery_time INTEGER NOT NULL,
  collection_time INTEGER NOT NULL,
  request_cancel_time INTEGER NOT NULL,
  cancel_order_sla_time INTEGER NOT NULL,
  buyer_user_id TEXT NOT NULL,
  buyer_email TEXT NOT NULL,
  buyer_message TEXT NOT NULL,
  seller_note TEXT NOT NULL,
  shipping_type TEXT NOT NULL,
  fulfillment_type TEXT NOT NULL,
  delivery_option_name TEXT NOT NULL,
  shipping_provider TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  warehouse_id TEXT NOT NULL,
  split_or_combine_tag TEXT NOT NULL,
  delivery_type TEXT NOT NULL,
  delivery_option_id TEXT NOT NULL,
  shipping_provider_id TEXT NOT NULL,
  order_type TEXT NOT NULL,
  commerce_platform TEXT NOT NULL,
  replaced_order_id TEXT NOT NULL,
  is_on_hold_order INTEGER NOT NULL,
  is_cod INTEGER NOT NULL,
  is_sample_order INTEGER NOT NULL,
  is_replacement_order INTEGER NOT NULL,
  is_buyer_request_cancel INTEGER NOT NULL,
  cancel_reason TEXT NOT NULL,
  cancellation_initiator TEXT NOT NULL,
  need_upload_invoice TEXT NOT NULL,
  cpf TEXT NOT NULL,
  cpf_name TEXT NOT NULL,
  currency TEXT NOT NULL,
  sub_total INTEGER NOT NULL,
  shipping_fee INTEGER NOT NULL,
  seller_discount INTEGER NOT NULL,
  platform_discount INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  total_amount INTEGER NOT NULL,
  original_total_product_price INTEGER NOT NULL,
  original_shipping_fee INTEGER NOT NULL,
  product_tax INTEGER NOT NULL,
  shipping_fee_tax INTEGER NOT NULL,
  retail_delivery_fee INTEGER NOT NULL,
  small_order_fee INTEGER NOT NULL,
  buyer_service_fee INTEGER NOT NULL,
  shipping_fee_seller_discount INTEGER NOT NULL,
  shipping_fee_platform_discount INTEGER NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_first_name TEXT NOT NULL,
  recipient_last_name TEXT NOT NULL,
  recipient_phone TEXT NOT NULL,
  recipient_full_address TEXT NOT NULL,
  recipient_postal_code TEXT NOT NULL,
  recipient_region_code TEXT NOT NULL,
  recipient_address_line1 TEXT NOT NULL,
  recipient_address_line2 TEXT NOT NULL,
  recipient_address_line3 TEXT NOT NULL,
  recipient_address_line4 TEXT NOT NULL,
  recipient_address_detail TEXT NOT NULL,
  recipient_districts TEXT NOT NULL,
  package_ids TEXT NOT NULL,
  raw_json TEXT NOT NULL,
  stored_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, id)
) STRICT;
CREATE INDEX orders_by_shop_status_created ON orders (shop_id, status, create_time, id);
CREATE INDEX orders_by_shop_created ON orders (shop_id, create_time, id);
CREATE INDEX orders_by_shop_updated ON orders (shop_id, update_time);
CREATE INDEX orders_by_updated ON orders (update_time);
CREATE INDEX orders_by_buyer ON orders (shop_id, buyer_user_id);

CREATE TABLE order_lines (
  shop_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  sku_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  product_name TEXT NOT NULL,
  sku_name TEXT NOT NULL,
  sku_image TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  original_price INTEGER NOT NULL,
  sale_price INTEGER NOT NULL,
  seller_discount INTEGER NOT NULL,
  platform_discount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  display_status TEXT NOT NULL,
  package_status TEXT NOT NULL,
  package_id TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  shipping_provider_name TEXT NOT NULL,
  shipping_provider_id TEXT NOT NULL,
  is_gift INTEGER NOT NULL,
  sku_type TEXT NOT NULL,
  cancel_reason TEXT NOT NULL,
  cancel_user TEXT NOT NULL,
  rts_time INTEGER NOT NULL,
  PRIMARY KEY (shop_id, order_id, id),
  FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX order_lines_by_sku ON order_lines (shop_id, sku_id);
CREATE INDEX order_lines_by_product ON order_lines (shop_id, product_id);
CREATE INDEX order_lines_by_package ON order_lines (shop_id, package_id);

CREATE TABLE order_status_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  update_time INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX order_status_history_by_order ON order_status_history (shop_id, order_id, id);

CREATE TABLE packages (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  shipping_provider_name TEXT NOT NULL,
  shipping_provider_id TEXT NOT NULL,
  split_and_combine_tag TEXT NOT NULL,
  line_item_ids TEXT NOT NULL,
  shipping_type TEXT NOT NULL,
  delivery_option_id TEXT NOT NULL,
  delivery_option_name TEXT NOT NULL,
  handover_method TEXT NOT NULL,
  last_mile_tracking_number TEXT NOT NULL,
  note_tag TEXT NOT NULL,
  has_multi_skus INTEGER NOT NULL,
  pickup_slot_start INTEGER NOT NULL,
  pickup_slot_end INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  PRIMARY KEY (shop_id, id)
) STRICT;
CREATE INDEX packages_by_shop_status ON packages (shop_id, status, update_time);
CREATE INDEX packages_by_shop_updated ON packages (shop_id, update_time);

-- No foreign key to orders: a package may be synced before its orders.
CREATE TABLE package_orders (
  shop_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  PRIMARY KEY (shop_id, package_id, order_id),
  FOREIGN KEY (shop_id, package_id) REFERENCES packages (shop_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX package_orders_by_order ON package_orders (shop_id, order_id);

CREATE TABLE products (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  audit_status TEXT NOT NULL,
  category_id TEXT NOT NULL,
  description TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  brand_name TEXT NOT NULL,
  sales_regions TEXT NOT NULL,
  has_draft INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  PRIMARY KEY (shop_id, id)
) STRICT;
CREATE INDEX products_by_shop_status ON products (shop_id, status, update_time);
CREATE INDEX products_by_shop_updated ON products (shop_id, update_time);

CREATE TABLE skus (
  shop_id TEXT NOT NULL,
  id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  currency TEXT NOT NULL,
  price INTEGER NOT NULL,
  tax_exclusive_price INTEGER NOT NULL,
  external_sku_id TEXT NOT NULL,
  PRIMARY KEY (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX skus_by_product ON skus (shop_id, product_id);
CREATE INDEX skus_by_seller_sku ON skus (shop_id, seller_sku);

CREATE TABLE inventory (
  shop_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  warehouse_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, sku_id, warehouse_id),
  FOREIGN KEY (shop_id, sku_id) REFERENCES skus (shop_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE invoices (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  package_id TEXT NOT NULL,
  order_ids TEXT NOT NULL,
  access_key TEXT NOT NULL,
  status TEXT NOT NULL,
  invalid_reason TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, package_id)
) STRICT;
CREATE INDEX invoices_by_shop_status ON invoices (shop_id, status);
CREATE INDEX invoices_by_access_key ON invoices (access_key);

-- shop_id as the notification names it: a notification for an unknown shop is still recorded.
CREATE TABLE webhook_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tts_notification_id TEXT NOT NULL UNIQUE,
  type INTEGER NOT NULL,
  shop_id TEXT NOT NULL,
  raw_body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  processed_at INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX webhook_events_by_status ON webhook_events (status, received_at);
CREATE INDEX webhook_events_by_shop ON webhook_events (shop_id, received_at);

CREATE TABLE sync_state (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  resource TEXT NOT NULL,
  sync_cursor TEXT NOT NULL DEFAULT '',
  last_success INTEGER NOT NULL DEFAULT 0,
  last_attempt INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  items_seen INTEGER NOT NULL DEFAULT 0,
  items_changed INTEGER NOT NULL DEFAULT 0,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (shop_id, resource)
) STRICT;

CREATE TABLE leases (
  name TEXT NOT NULL PRIMARY KEY,
  holder TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE write_back_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX write_back_queue_due ON write_back_queue (status, next_attempt_at);
CREATE INDEX write_back_queue_by_shop ON write_back_queue (shop_id, status);

-- Kept after a shop is purged (it holds no buyer data), hence no foreign key.
CREATE TABLE api_call_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  code INTEGER NOT NULL,
  message TEXT NOT NULL,
  request_id TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  called_at INTEGER NOT NULL
) STRICT;
CREATE INDEX api_call_log_by_shop ON api_call_log (shop_id, called_at);
CREATE INDEX api_call_log_by_time ON api_call_log (called_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seller_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_by_seller ON audit_log (seller_id, id);

-- shop_id is '' for state that belongs to the module as a whole.
CREATE TABLE module_state (
  module TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  state_key TEXT NOT NULL,
  state_value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (module, shop_id, state_key)
) STRICT;
)sql";

constexpr std::string_view initial_mysql = R"sql(
CREATE TABLE IF NOT EXISTS sellers (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY sellers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  seller_id BIGINT NOT NULL,
  email VARCHAR(254) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(16) NOT NULL,
  locale VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  KEY users_by_seller (seller_id),
  CONSTRAINT users_role CHECK (role IN ('owner', 'staff')),
  CONSTRAINT users_seller FOREIGN KEY (seller_id) REFERENCES sellers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sessions (
  id VARCHAR(128) NOT NULL,
  user_id BIGINT NOT NULL,
  csrf VARCHAR(128) NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY sessions_by_user (user_id),
  KEY sessions_by_expiry (expires_at),
  CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS shops (
  id VARCHAR(64) NOT NULL,
  seller_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  region VARCHAR(16) NOT NULL,
  seller_type VARCHAR(32) NOT NULL,
  cipher_sealed TEXT NOT NULL,
  transport VARCHAR(64) NOT NULL,
  modules TEXT NOT NULL,
  granted_scopes TEXT NOT NULL,
  state VARCHAR(32) NOT NULL,
  demo TINYINT NOT NULL DEFAULT 0,
  connected_at BIGINT NOT NULL,
  disconnected_at BIGINT NOT NULL DEFAULT 0,
  code VARCHAR(64) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY shops_by_seller (seller_id),
  KEY shops_by_state (state, disconnected_at),
  KEY shops_by_demo (demo),
  CONSTRAINT shops_state CHECK (state IN ('connected', 'needs_reauthorization', 'disconnected')),
  CONSTRAINT shops_seller FOREIGN KEY (seller_id) REFERENCES sellers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS shop_tokens (
  shop_id VARCHAR(64) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  sealed TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (shop_id, kind),
  KEY shop_tokens_by_expiry (kind, expires_at),
  CONSTRAINT shop_tokens_kind CHECK (kind IN ('access', 'refresh'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS oauth_states (
  state VARCHAR(128) NOT NULL,
  seller_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  return_to TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (state),
  KEY oauth_states_by_expiry (expires_at),
  CONSTRAINT oauth_states_seller FOREIGN KEY (seller_id) REFERENCES sellers (id) ON DELETE CASCADE,
  CONSTRAINT oauth_states_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS orders (
  shop_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  status VARCHAR(32) NOT NULL,
  status_text VARCHAR(64) NOT NULL,
  status_rank INT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  paid_time BIGINT NOT NULL,
  rts_sla_time BIGINT NOT NULL,
  shipping_due_time BIGINT NOT NULL,
  cancel_time BIGINT NOT NULL,
  rts_time BIGINT NOT NULL,
  tts_sla_time BIGINT NOT NULL,
  collection_due_time BIGINT NOT NULL,
  delivery_due_time BIGINT NOT NULL,
  delivery_time BIGINT NOT NULL,
  collection_time BIGINT NOT NULL,
  request_cancel_time BIGINT NOT NULL,
  cancel_order_sla_time BIGINT NOT NULL,
  buyer_user_id VARCHAR(64) NOT NULL,
  buyer_email TEXT NOT NULL,
  buyer_message TEXT NOT NULL,
  seller_note TEXT NOT NULL,
  shipping_type TEXT NOT NULL,
  fulfillment_type TEXT NOT NULL,
  delivery_option_name TEXT NOT NULL,
  shipping_provider TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  warehouse_id VARCHAR(64) NOT NULL,
  split_or_combine_tag TEXT NOT NULL,
  delivery_type TEXT NOT NULL,
  delivery_option_id VARCHAR(64) NOT NULL,
  shipping_provider_id VARCHAR(64) NOT NULL,
  order_type TEXT NOT NULL,
  commerce_platform TEXT NOT NULL,
  replaced_order_id VARCHAR(64) NOT NULL,
  is_on_hold_order TINYINT NOT NULL,
  is_cod TINYINT NOT NULL,
  is_sample_order TINYINT NOT NULL,
  is_replacement_order TINYINT NOT NULL,
  is_buyer_request_cancel TINYINT NOT NULL,
  cancel_reason TEXT NOT NULL,
  cancellation_initiator TEXT NOT NULL,
  need_upload_invoice TEXT NOT NULL,
  cpf TEXT NOT NULL,
  cpf_name TEXT NOT NULL,
  currency VARCHAR(8) NOT NULL,
  sub_total DECIMAL(19,4) NOT NULL,
  shipping_fee DECIMAL(19,4) NOT NULL,
  seller_discount DECIMAL(19,4) NOT NULL,
  platform_discount DECIMAL(19,4) NOT NULL,
  tax DECIMAL(19,4) NOT NULL,
  total_amount DECIMAL(19,4) NOT NULL,
  original_total_product_price DECIMAL(19,4) NOT NULL,
  original_shipping_fee DECIMAL(19,4) NOT NULL,
  product_tax DECIMAL(19,4) NOT NULL,
  shipping_fee_tax DECIMAL(19,4) NOT NULL,
  retail_delivery_fee DECIMAL(19,4) NOT NULL,
  small_order_fee DECIMAL(19,4) NOT NULL,
  buyer_service_fee DECIMAL(19,4) NOT NULL,
  shipping_fee_seller_discount DECIMAL(19,4) NOT NULL,
  shipping_fee_platform_discount DECIMAL(19,4) NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_first_name TEXT NOT NULL,
  recipient_last_name TEXT NOT NULL,
  recipient_phone TEXT NOT NULL,
  recipient_full_address TEXT NOT NULL,
  recipient_postal_code TEXT NOT NULL,
  recipient_region_code TEXT NOT NULL,
  recipient_address_line1 TEXT NOT NULL,
  recipient_address_line2 TEXT NOT NULL,
  recipient_address_line3 TEXT NOT NULL,
  recipient_address_line4 TEXT NOT NULL,
  recipient_address_detail TEXT NOT NULL,
  recipient_districts TEXT NOT NULL,
  package_ids TEXT NOT NULL,
  raw_json MEDIUMTEXT NOT NULL,
  stored_at BIGINT NOT NULL,
  PRIMARY KEY (shop_id, id),
  KEY orders_by_shop_status_created (shop_id, status, create_time, id),
  KEY orders_by_shop_created (shop_id, create_time, id),
  KEY orders_by_shop_updated (shop_id, update_time),
  KEY orders_by_updated (update_time),
  KEY orders_by_buyer (shop_id, buyer_user_id),
  CONSTRAINT orders_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS order_lines (
  shop_id VARCHAR(64) NOT NULL,
  order_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  line_no INT NOT NULL,
  sku_id VARCHAR(64) NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  product_name TEXT NOT NULL,
  sku_name TEXT NOT NULL,
  sku_image TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  original_price DECIMAL(19,4) NOT NULL,
  sale_price DECIMAL(19,4) NOT NULL,
  seller_discount DECIMAL(19,4) NOT NULL,
  platform_discount DECIMAL(19,4) NOT NULL,
  currency VARCHAR(8) NOT NULL,
  display_status TEXT NOT NULL,
  package_status TEXT NOT NULL,
  package_id VARCHAR(64) NOT NULL,
  tracking_number TEXT NOT NULL,
  shipping_provider_name TEXT NOT NULL,
  shipping_provider_id VARCHAR(64) NOT NULL,
  is_gift TINYINT NOT NULL,
  sku_type TEXT NOT NULL,
  cancel_reason TEXT NOT NULL,
  cancel_user TEXT NOT NULL,
  rts_time BIGINT NOT NULL,
  PRIMARY KEY (shop_id, order_id, id),
  KEY order_lines_by_sku (shop_id, sku_id),
  KEY order_lines_by_product (shop_id, product_id),
  KEY order_lines_by_package (shop_id, package_id),
  CONSTRAINT order_lines_order FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS order_status_history (
  id BIGINT NOT NULL AUTO_INCREMENT,
  shop_id VARCHAR(64) NOT NULL,
  order_id VARCHAR(64) NOT NULL,
  from_status VARCHAR(32) NOT NULL,
  to_status VARCHAR(32) NOT NULL,
  update_time BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY order_status_history_by_order (shop_id, order_id, id),
  CONSTRAINT order_status_history_order FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS packages (
  shop_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  status VARCHAR(32) NOT NULL,
  tracking_number TEXT NOT NULL,
  shipping_provider_name TEXT NOT NULL,
  shipping_provider_id VARCHAR(64) NOT NULL,
  split_and_combine_tag TEXT NOT NULL,
  line_item_ids TEXT NOT NULL,
  shipping_type TEXT NOT NULL,
  delivery_option_id VARCHAR(64) NOT NULL,
  delivery_option_name TEXT NOT NULL,
  handover_method TEXT NOT NULL,
  last_mile_tracking_number TEXT NOT NULL,
  note_tag TEXT NOT NULL,
  has_multi_skus TINYINT NOT NULL,
  pickup_slot_start BIGINT NOT NULL,
  pickup_slot_end BIGINT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  raw_json MEDIUMTEXT NOT NULL,
  PRIMARY KEY (shop_id, id),
  KEY packages_by_shop_status (shop_id, status, update_time),
  KEY packages_by_shop_updated (shop_id, update_time),
  CONSTRAINT packages_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS package_orders (
  shop_id VARCHAR(64) NOT NULL,
  package_id VARCHAR(64) NOT NULL,
  order_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (shop_id, package_id, order_id),
  KEY package_orders_by_order (shop_id, order_id),
  CONSTRAINT package_orders_package FOREIGN KEY (shop_id, package_id) REFERENCES packages (shop_id, id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS products (
  shop_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  title TEXT NOT NULL,
  status VARCHAR(32) NOT NULL,
  audit_status VARCHAR(32) NOT NULL,
  category_id VARCHAR(64) NOT NULL,
  description MEDIUMTEXT NOT NULL,
  brand_id VARCHAR(64) NOT NULL,
  brand_name TEXT NOT NULL,
  sales_regions TEXT NOT NULL,
  has_draft TINYINT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  raw_json MEDIUMTEXT NOT NULL,
  PRIMARY KEY (shop_id, id),
  KEY products_by_shop_status (shop_id, status, update_time),
  KEY products_by_shop_updated (shop_id, update_time),
  CONSTRAINT products_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS skus (
  shop_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  seller_sku VARCHAR(255) NOT NULL,
  currency VARCHAR(8) NOT NULL,
  price DECIMAL(19,4) NOT NULL,
  tax_exclusive_price DECIMAL(19,4) NOT NULL,
  external_sku_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (shop_id, id),
  KEY skus_by_product (shop_id, product_id),
  KEY skus_by_seller_sku (shop_id, seller_sku),
  CONSTRAINT skus_product FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS inventory (
  shop_id VARCHAR(64) NOT NULL,
  sku_id VARCHAR(64) NOT NULL,
  warehouse_id VARCHAR(64) NOT NULL,
  quantity BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (shop_id, sku_id, warehouse_id),
  CONSTRAINT inventory_sku FOREIGN KEY (shop_id, sku_id) REFERENCES skus (shop_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS invoices (
  shop_id VARCHAR(64) NOT NULL,
  package_id VARCHAR(64) NOT NULL,
  order_ids TEXT NOT NULL,
  access_key VARCHAR(64) NOT NULL,
  status VARCHAR(32) NOT NULL,
  invalid_reason TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (shop_id, package_id),
  KEY invoices_by_shop_status (shop_id, status),
  KEY invoices_by_access_key (access_key),
  CONSTRAINT invoices_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS webhook_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  tts_notification_id VARCHAR(64) NOT NULL,
  type INT NOT NULL,
  shop_id VARCHAR(64) NOT NULL,
  raw_body MEDIUMTEXT NOT NULL,
  received_at BIGINT NOT NULL,
  processed_at BIGINT NOT NULL DEFAULT 0,
  status VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT (''),
  PRIMARY KEY (id),
  UNIQUE KEY webhook_events_notification (tts_notification_id),
  KEY webhook_events_by_status (status, received_at),
  KEY webhook_events_by_shop (shop_id, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sync_state (
  shop_id VARCHAR(64) NOT NULL,
  resource VARCHAR(32) NOT NULL,
  sync_cursor TEXT NOT NULL DEFAULT (''),
  last_success BIGINT NOT NULL DEFAULT 0,
  last_attempt BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT (''),
  items_seen BIGINT NOT NULL DEFAULT 0,
  items_changed BIGINT NOT NULL DEFAULT 0,
  consecutive_failures INT NOT NULL DEFAULT 0,
  PRIMARY KEY (shop_id, resource),
  CONSTRAINT sync_state_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS leases (
  name VARCHAR(128) NOT NULL,
  holder VARCHAR(128) NOT NULL,
  acquired_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS write_back_queue (
  id BIGINT NOT NULL AUTO_INCREMENT,
  shop_id VARCHAR(64) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT (''),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY write_back_queue_due (status, next_attempt_at),
  KEY write_back_queue_by_shop (shop_id, status),
  CONSTRAINT write_back_queue_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS api_call_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  shop_id VARCHAR(64) NOT NULL,
  method VARCHAR(8) NOT NULL,
  path VARCHAR(512) NOT NULL,
  http_status INT NOT NULL,
  code BIGINT NOT NULL,
  message TEXT NOT NULL,
  request_id VARCHAR(128) NOT NULL,
  duration_ms BIGINT NOT NULL,
  called_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY api_call_log_by_shop (shop_id, called_at),
  KEY api_call_log_by_time (called_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  seller_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  action VARCHAR(64) NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY audit_log_by_seller (seller_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS module_state (
  module VARCHAR(64) NOT NULL,
  shop_id VARCHAR(64) NOT NULL,
  state_key VARCHAR(191) NOT NULL,
  state_value MEDIUMTEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (module, shop_id, state_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
)sql";

}  // namespace

// Later migrations live one per file (core/src/storage/migration_NNN_*.cpp), so that changes to
// different parts of the schema do not collide in one file.
extern const migration migration_002;
extern const migration migration_003;
extern const migration migration_004;
extern const migration migration_005;
extern const migration migration_006;
extern const migration migration_007;

namespace {

const std::array<migration, 7> all_migrations{{
    {1, "initial schema", initial_sqlite, initial_mysql},
    migration_002,
    migration_003,
    migration_004,
    migration_005,
    migration_006,
    migration_007,
}};

}  // namespace

std::span<const migration> known_migrations() {
  return all_migrations;
}

int latest_schema_version() {
  return all_migrations.back().version;
}

}  // namespace kingkung::storage
