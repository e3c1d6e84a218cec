// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace mocks {

// Where an installed program of the suite finds its files: `<prefix>/<relative>`, the prefix
// being the parent of the running program's directory (/proc/self/exe, symlinks resolved), as
// `cmake --install` and the .deb lay them out (packaging/CMakeLists.txt): programs in bin/,
// mocks in libexec/falco-conformance/, golden cases in share/falco-conformance/. When that
// path does not exist (a program run from the build tree), `build_path`, compiled in.
std::string installed_or_built(std::string_view relative, std::string build_path);

}  // namespace mocks
