// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/grisu2.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

// Implemented from the published algorithm (Loitsch 2010, section 5 "Grisu2") with the choices
// nlohmann 3.11.3 makes, which decide the exact digits and layout
// (nlohmann@v3.11.3:include/nlohmann/detail/conversions/to_chars.hpp; v3.11.2, which Debian
// ships, differs from it only in comments and the version banner):
//  - 64x64 multiplication rounded half up to the upper 64 bits (diyfp::mul, :82);
//  - boundaries m-/m+ as the midpoints to the neighbours, the lower one closer for powers of two
//    (compute_boundaries, :189);
//  - cached powers 10^k for k = -300..324 step 8, target exponent window [-60, -32]
//    (get_cached_power_for_binary_exponent, :328);
//  - digit generation on [M- + 1, M+ - 1], then the rounding loop (grisu2_round, :546;
//    grisu2_digit_gen, :587; grisu2, :828);
//  - layout: fixed notation for decimal exponents in (-4, 15], scientific `d.ddde+XX` (at least
//    two exponent digits) otherwise, and `.0` appended to integral values (append_exponent,
//    :928; format_buffer, :980; to_chars, :1065).
// The differential test (format_nlohmann_oracle_test.cpp) compares against nlohmann itself.

namespace falco_ref {
namespace {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

// A value f * 2^e ("do-it-yourself floating point").
struct diy_fp {
    u64 f;
    int e;
};

diy_fp multiply(diy_fp x, diy_fp y) {
    const u128 product = static_cast<u128>(x.f) * y.f + (static_cast<u128>(1) << 63);
    return {static_cast<u64>(product >> 64), x.e + y.e + 64};
}

diy_fp normalize(diy_fp x) {
    const int shift = std::countl_zero(x.f);
    return {x.f << shift, x.e - shift};
}

struct boundaries {
    diy_fp w;      // the value, normalised
    diy_fp minus;  // lower boundary, same exponent as plus
    diy_fp plus;   // upper boundary, normalised
};

boundaries compute_boundaries(double value) {
    constexpr int k_significand_bits = 52;
    constexpr int k_bias = 1075;  // 1023 + 52
    constexpr u64 k_hidden_bit = u64{1} << k_significand_bits;
    const u64 bits = std::bit_cast<u64>(value);
    const u64 biased_exp = bits >> k_significand_bits;
    const u64 fraction = bits & (k_hidden_bit - 1);
    const diy_fp v = biased_exp == 0
                         ? diy_fp{fraction, 1 - k_bias}
                         : diy_fp{fraction + k_hidden_bit, static_cast<int>(biased_exp) - k_bias};
    // For a power of two (other than the smallest normal) the gap below is half the gap above.
    const bool lower_closer = fraction == 0 && biased_exp > 1;
    const diy_fp plus = normalize({2 * v.f + 1, v.e - 1});
    const diy_fp minus_raw =
        lower_closer ? diy_fp{4 * v.f - 1, v.e - 2} : diy_fp{2 * v.f - 1, v.e - 1};
    const diy_fp minus{minus_raw.f << (minus_raw.e - plus.e), plus.e};
    return {normalize(v), minus, plus};
}

struct cached_power {
    u64 f;
    int e;
    int k;
};

// 10^k as f * 2^e with f in [2^63, 2^64), rounded to nearest, for k = -300, -292, ..., 324.
// Computed with exact rational arithmetic; identical to nlohmann's kCachedPowers table
// (checked by diffing the two).
constexpr cached_power k_cached_powers[] = {
    {0xAB70FE17C79AC6CA, -1060, -300}, {0xFF77B1FCBEBCDC4F, -1034, -292},
    {0xBE5691EF416BD60C, -1007, -284}, {0x8DD01FAD907FFC3C, -980, -276},
    {0xD3515C2831559A83, -954, -268},  {0x9D71AC8FADA6C9B5, -927, -260},
    {0xEA9C227723EE8BCB, -901, -252},  {0xAECC49914078536D, -874, -244},
    {0x823C12795DB6CE57, -847, -236},  {0xC21094364DFB5637, -821, -228},
    {0x9096EA6F3848984F, -794, -220},  {0xD77485CB25823AC7, -768, -212},
    {0xA086CFCD97BF97F4, -741, -204},  {0xEF340A98172AACE5, -715, -196},
    {0xB23867FB2A35B28E, -688, -188},  {0x84C8D4DFD2C63F3B, -661, -180},
    {0xC5DD44271AD3CDBA, -635, -172},  {0x936B9FCEBB25C996, -608, -164},
    {0xDBAC6C247D62A584, -582, -156},  {0xA3AB66580D5FDAF6, -555, -148},
    {0xF3E2F893DEC3F126, -529, -140},  {0xB5B5ADA8AAFF80B8, -502, -132},
    {0x87625F056C7C4A8B, -475, -124},  {0xC9BCFF6034C13053, -449, -116},
    {0x964E858C91BA2655, -422, -108},  {0xDFF9772470297EBD, -396, -100},
    {0xA6DFBD9FB8E5B88F, -369, -92},   {0xF8A95FCF88747D94, -343, -84},
    {0xB94470938FA89BCF, -316, -76},   {0x8A08F0F8BF0F156B, -289, -68},
    {0xCDB02555653131B6, -263, -60},   {0x993FE2C6D07B7FAC, -236, -52},
    {0xE45C10C42A2B3B06, -210, -44},   {0xAA242499697392D3, -183, -36},
    {0xFD87B5F28300CA0E, -157, -28},   {0xBCE5086492111AEB, -130, -20},
    {0x8CBCCC096F5088CC, -103, -12},   {0xD1B71758E219652C, -77, -4},
    {0x9C40000000000000, -50, 4},      {0xE8D4A51000000000, -24, 12},
    {0xAD78EBC5AC620000, 3, 20},       {0x813F3978F8940984, 30, 28},
    {0xC097CE7BC90715B3, 56, 36},      {0x8F7E32CE7BEA5C70, 83, 44},
    {0xD5D238A4ABE98068, 109, 52},     {0x9F4F2726179A2245, 136, 60},
    {0xED63A231D4C4FB27, 162, 68},     {0xB0DE65388CC8ADA8, 189, 76},
    {0x83C7088E1AAB65DB, 216, 84},     {0xC45D1DF942711D9A, 242, 92},
    {0x924D692CA61BE758, 269, 100},    {0xDA01EE641A708DEA, 295, 108},
    {0xA26DA3999AEF774A, 322, 116},    {0xF209787BB47D6B85, 348, 124},
    {0xB454E4A179DD1877, 375, 132},    {0x865B86925B9BC5C2, 402, 140},
    {0xC83553C5C8965D3D, 428, 148},    {0x952AB45CFA97A0B3, 455, 156},
    {0xDE469FBD99A05FE3, 481, 164},    {0xA59BC234DB398C25, 508, 172},
    {0xF6C69A72A3989F5C, 534, 180},    {0xB7DCBF5354E9BECE, 561, 188},
    {0x88FCF317F22241E2, 588, 196},    {0xCC20CE9BD35C78A5, 614, 204},
    {0x98165AF37B2153DF, 641, 212},    {0xE2A0B5DC971F303A, 667, 220},
    {0xA8D9D1535CE3B396, 694, 228},    {0xFB9B7CD9A4A7443C, 720, 236},
    {0xBB764C4CA7A44410, 747, 244},    {0x8BAB8EEFB6409C1A, 774, 252},
    {0xD01FEF10A657842C, 800, 260},    {0x9B10A4E5E9913129, 827, 268},
    {0xE7109BFBA19C0C9D, 853, 276},    {0xAC2820D9623BF429, 880, 284},
    {0x80444B5E7AA7CF85, 907, 292},    {0xBF21E44003ACDD2D, 933, 300},
    {0x8E679C2F5E44FF8F, 960, 308},    {0xD433179D9C8CB841, 986, 316},
    {0x9E19DB92B4E31BA9, 1013, 324},
};

constexpr int k_alpha = -60;
constexpr int k_gamma = -32;

// A cached power c = 10^-k such that the product's exponent lands in [alpha, gamma].
cached_power cached_power_for(int e) {
    constexpr int k_min_dec_exp = -300;
    constexpr int k_dec_step = 8;
    const int f = k_alpha - e - 1;
    // ceil(f * log10(2)); 78913 / 2^18 approximates log10(2).
    const int k = (f * 78913) / (1 << 18) + static_cast<int>(f > 0);
    const int index = (-k_min_dec_exp + k + (k_dec_step - 1)) / k_dec_step;
    return k_cached_powers[index];
}

// Number of decimal digits of n (n < 2^32) and 10^(digits-1).
int largest_pow10(std::uint32_t n, std::uint32_t& pow10) {
    std::uint32_t p = 1;
    int digits = 1;
    while (digits < 10 && n >= p * 10) {
        p *= 10;
        ++digits;
    }
    pow10 = p;
    return digits;
}

// Moves the last digit down while that brings the number closer to w and stays in range.
void round_weed(char* buf, int len, u64 dist, u64 delta, u64 rest, u64 ten_k) {
    while (rest < dist && delta - rest >= ten_k &&
           (rest + ten_k < dist || dist - rest > rest + ten_k - dist)) {
        --buf[len - 1];
        rest += ten_k;
    }
}

// Generates the digits of a number in [M-, M+], as close to w as the loop above gets.
void generate_digits(char* buf, int& len, int& dec_exp, diy_fp m_minus, diy_fp w, diy_fp m_plus) {
    u64 delta = m_plus.f - m_minus.f;
    u64 dist = m_plus.f - w.f;
    const int shift = -m_plus.e;  // in [32, 60]
    const u64 one = u64{1} << shift;
    auto integral = static_cast<std::uint32_t>(m_plus.f >> shift);
    u64 fractional = m_plus.f & (one - 1);

    std::uint32_t pow10 = 0;
    int n = largest_pow10(integral, pow10);
    while (n > 0) {
        const std::uint32_t digit = integral / pow10;
        integral %= pow10;
        buf[len++] = static_cast<char>('0' + digit);
        --n;
        const u64 rest = (static_cast<u64>(integral) << shift) + fractional;
        if (rest <= delta) {
            dec_exp += n;
            round_weed(buf, len, dist, delta, rest, static_cast<u64>(pow10) << shift);
            return;
        }
        pow10 /= 10;
    }
    int m = 0;
    for (;;) {
        fractional *= 10;
        buf[len++] = static_cast<char>('0' + (fractional >> shift));
        fractional &= one - 1;
        ++m;
        delta *= 10;
        dist *= 10;
        if (fractional <= delta) {
            break;
        }
    }
    dec_exp -= m;
    round_weed(buf, len, dist, delta, fractional, one);
}

// Digits of a positive finite value: value ~= buf[0..len) * 10^dec_exp.
void grisu2(char* buf, int& len, int& dec_exp, double value) {
    const boundaries b = compute_boundaries(value);
    const cached_power c = cached_power_for(b.plus.e);
    const diy_fp c_minus_k{c.f, c.e};
    const diy_fp w = multiply(b.w, c_minus_k);
    const diy_fp w_minus = multiply(b.minus, c_minus_k);
    const diy_fp w_plus = multiply(b.plus, c_minus_k);
    // Shrink the interval by one unit on each side to absorb the multiplication error.
    const diy_fp m_minus{w_minus.f + 1, w_minus.e};
    const diy_fp m_plus{w_plus.f - 1, w_plus.e};
    len = 0;
    dec_exp = -c.k;
    generate_digits(buf, len, dec_exp, m_minus, w, m_plus);
}

char* append_exponent(char* out, int e) {
    if (e < 0) {
        e = -e;
        *out++ = '-';
    } else {
        *out++ = '+';
    }
    if (e >= 100) {
        *out++ = static_cast<char>('0' + e / 100);
        e %= 100;
    }
    // At least two digits, as printf's %g does.
    *out++ = static_cast<char>('0' + e / 10);
    *out++ = static_cast<char>('0' + e % 10);
    return out;
}

// Lays out digits d1..dk with value 0.d1..dk * 10^n (n = k + dec_exp) in place.
char* layout(char* buf, int k, int dec_exp) {
    constexpr int k_min_exp = -4;
    constexpr int k_max_exp = 15;  // std::numeric_limits<double>::digits10
    const int n = k + dec_exp;
    if (k <= n && n <= k_max_exp) {
        // Integral: digits, zeros, ".0".
        std::memset(buf + k, '0', static_cast<std::size_t>(n - k));
        buf[n] = '.';
        buf[n + 1] = '0';
        return buf + n + 2;
    }
    if (0 < n && n <= k_max_exp) {
        // Point inside the digits.
        std::memmove(buf + n + 1, buf + n, static_cast<std::size_t>(k - n));
        buf[n] = '.';
        return buf + k + 1;
    }
    if (k_min_exp < n && n <= 0) {
        // 0.[zeros]digits
        std::memmove(buf + 2 - n, buf, static_cast<std::size_t>(k));
        buf[0] = '0';
        buf[1] = '.';
        std::memset(buf + 2, '0', static_cast<std::size_t>(-n));
        return buf + 2 - n + k;
    }
    char* out = buf;
    if (k == 1) {
        out += 1;
    } else {
        std::memmove(buf + 2, buf + 1, static_cast<std::size_t>(k - 1));
        buf[1] = '.';
        out += k + 1;
    }
    *out++ = 'e';
    return append_exponent(out, n - 1);
}

}  // namespace

char* grisu2_to_chars(char* first, double value) {
    if (std::signbit(value)) {
        value = -value;
        *first++ = '-';
    }
    if (value == 0) {
        std::memcpy(first, "0.0", 3);
        return first + 3;
    }
    int len = 0;
    int dec_exp = 0;
    grisu2(first, len, dec_exp, value);
    return layout(first, len, dec_exp);
}

}  // namespace falco_ref
