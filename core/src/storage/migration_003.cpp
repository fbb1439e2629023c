// Schema migration 3: sync. Statements are separated by ';' and safe to re-run
// (CREATE ... IF NOT EXISTS; see kingkung/storage/migrations.hpp for the conventions).
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_003;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
-- nothing yet
)sql";

constexpr std::string_view mysql_sql = R"sql(
-- nothing yet
)sql";

}  // namespace

const migration migration_003{3, "sync", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
