// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <json/json.h>

#include <string>

namespace falco_ref::testing {

// Debian's jsoncpp 1.9.5 (libjsoncpp-dev) writing `v` the way Falco 0.36 to 0.38 write their JSON
// alerts: Json::FastWriter (falco@0.38.2:userspace/engine/formats.cpp:67-126), without the
// trailing newline Falco removes. FastWriter is deprecated in 1.9.5 in favour of
// StreamWriterBuilder, whose defaults differ.
inline std::string jsoncpp_fast_write(const Json::Value& v) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    Json::FastWriter writer;
#pragma GCC diagnostic pop
    writer.omitEndingLineFeed();
    return writer.write(v);
}

}  // namespace falco_ref::testing
