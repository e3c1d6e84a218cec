// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

namespace mocks {

// Announces "READY <details>\n": on stdout (flushed) when `to_stdout`, and in `ready_file`
// written to a temporary name and renamed, so a reader polling the file sees all or nothing.
void announce_ready(const std::string& details, const std::optional<std::string>& ready_file,
                    bool to_stdout = true);

}  // namespace mocks
