// Schema migration 2: market module state. Statements are separated by ';' and safe to re-run
// (CREATE ... IF NOT EXISTS; see kingkung/storage/migrations.hpp for the conventions).
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_002;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
-- nothing yet
)sql";

constexpr std::string_view mysql_sql = R"sql(
-- nothing yet
)sql";

}  // namespace

const migration migration_002{2, "market module state", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
