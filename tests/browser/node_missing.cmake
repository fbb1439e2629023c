# Run in place of a browser flow when CMake found no Node.js: fail and say what to install.
message(FATAL_ERROR "Node.js is missing, so the browser tests cannot run. Install it with "
                    "`apt-get install nodejs npm chromium` (scripts/test does this), run `npm ci` at the "
                    "top of the checkout, then configure again.")
