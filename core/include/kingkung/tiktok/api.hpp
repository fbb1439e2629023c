// Everything of the TikTok Shop API client, for callers that use most of it.
#pragma once

#include "kingkung/tiktok/client.hpp"
#include "kingkung/tiktok/decode.hpp"
#include "kingkung/tiktok/endpoints.hpp"
#include "kingkung/tiktok/envelope.hpp"
#include "kingkung/tiktok/fulfillment.hpp"
#include "kingkung/tiktok/invoices.hpp"
#include "kingkung/tiktok/oauth.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "kingkung/tiktok/pagination.hpp"
#include "kingkung/tiktok/products.hpp"
#include "kingkung/tiktok/shops.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "kingkung/tiktok/webhooks.hpp"
