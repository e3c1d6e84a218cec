// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace mocks {

// Text made safe for an XML 1.0 document (the judge's JUnit report, falco-bench's SVG chart),
// in element content and in attribute values quoted with either quote:
//   & < > " '  become  &amp; &lt; &gt; &quot; &apos;
//   C0 control bytes other than tab, LF and CR  become  \xNN (two upper-case hex digits):
//     XML 1.0 (section 2.2, Char) allows them neither raw nor as character references, and a
//     report that a parser refuses is worse than one that shows the byte as text;
//   every other byte (tab, LF, CR, DEL, bytes >= 0x80) is copied as it is.
// The result is well-formed only when the input is UTF-8; callers with arbitrary bytes make them
// visible first (conformance's visible_text).
std::string xml_escape(std::string_view text);

}  // namespace mocks
