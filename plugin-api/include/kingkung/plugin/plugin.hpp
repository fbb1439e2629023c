// Everything a plugin author includes.
#pragma once

#include "kingkung/plugin/descriptor.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "kingkung/plugin/registrar.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"
#include "kingkung/plugin/version.hpp"
