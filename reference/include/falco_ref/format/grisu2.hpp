// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace falco_ref {

// Writes a finite double the way nlohmann::json 3.11.3 prints it (Falco 0.44.1's JSON writer,
// docs/spec/0.44.md#json.number.float): Grisu2 digits (Loitsch 2010, "Printing Floating-Point
// Numbers Quickly and Accurately with Integers", with nlohmann's alpha/gamma = -60/-32 variant)
// laid out as `0.1`, `2.0`, `1e-07`, `1.5e+300`, `-0.0`. Grisu2 is shortest in most but not all
// cases, so std::to_chars (Ryu, always shortest) would differ on rare values. `first` must have
// room for 32 chars; returns one past the last char written. Non-finite values are the caller's
// business (nlohmann prints `null`).
char* grisu2_to_chars(char* first, double value);

}  // namespace falco_ref
