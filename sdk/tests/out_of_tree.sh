#!/usr/bin/env bash
# The plugin SDK from an integrator's side: install it into a temporary prefix, build the template plugin
# out of tree against it, run the template's tests, then load the plugin into the real host (`kingkung
# plugins inspect`, and `kingkung config check` with a shop that selects it).
# usage: out_of_tree.sh BUILD_DIR TEMPLATE_DIR KINGKUNG_CLI [CMAKE_ARGS...]
# CMAKE_ARGS reach the template's configure step (a sanitized tree passes its compiler and flags).
set -euo pipefail
build_dir=$1 template=$2 cli=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/kk-sdk-XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "install the SDK into $work/prefix"
cmake --install "$build_dir" --component sdk --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/lib/cmake/KingKungPlugin/KingKungPluginConfig.cmake"
test -f "$work/prefix/include/kingkung/plugin/market_module.hpp"
test -f "$work/prefix/lib/libkingkung_plugin_testkit.a"

step "build the template out of tree"
cp -r "$template" "$work/src"
# As an integrator would: no compiler cache, nothing from this tree but the installed prefix.
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Debug "$@" >/dev/null
cmake --build "$work/build" -j "$(nproc)"
plugin="$work/build/liborder-review.so"
test -f "$plugin" || { echo "expected the plugin at $plugin" >&2; exit 1; }

step "run the template's tests"
(cd "$work/build" && ctest --output-on-failure)

step "kingkung plugins inspect"
"$cli" plugins inspect "$plugin" | tee "$work/inspect.txt"
grep -q '^id: *order-review$' "$work/inspect.txt"
grep -qi 'market-module' "$work/inspect.txt"
grep -q '^would load$' "$work/inspect.txt"

step "kingkung config check with a shop that selects it"
# A plugin folder with the product's live transport and the template plugin side by side.
mkdir -p "$work/plugins" "$work/var"
ln -s "$(cd "$(dirname "$cli")/../plugins" && pwd)/libtiktok-live.so" "$work/plugins/libtiktok-live.so"
cp "$plugin" "$work/plugins/"
(umask 077 && printf 'kk-sdk-test-secret\n' > "$work/var/app-secret")
cat > "$work/kingkung.toml" <<TOML
[database]
url = "sqlite3:var/kingkung.db"

[vault]
key_file = "var/master.key"

[tiktok]
app_key = "kk-sdk-app"
app_secret_file = "var/app-secret"

[transports]
default = "tiktok-live"

[plugins]
dir = "plugins"
load = ["tiktok-live", "order-review"]

[markets.US]
modules = ["order-review"]

[markets.US.order-review]
min_total = "250.00"

[[shops]]
key = "us-main"
shop_id = "7494883102967740417"
name = "US main"
region = "US"
seller_type = "LOCAL"
TOML
"$cli" --config "$work/kingkung.toml" config check | tee "$work/check.txt"
grep -q 'config OK: 1 shop, 2 plugins' "$work/check.txt"
"$cli" --config "$work/kingkung.toml" plugins list | tee "$work/list.txt"
grep -Eq '^order-review +1\.0\.0 .*loaded' "$work/list.txt"
echo "the template plugin builds out of tree, passes its tests and loads into the host"
