// Eight bytes at a time in one 64-bit word ("SIMD within a register"), for
// the loops that pass over plain text byte by byte: the bit tricks of Sean
// Anderson's "Bit Twiddling Hacks", each exact as a yes-or-no answer.
#ifndef REPLYLINT_BASE_SWAR_H_
#define REPLYLINT_BASE_SWAR_H_

#include <cstdint>
#include <cstring>

namespace replylint::swar {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighBits = 0x8080808080808080ull;

// The eight bytes at `p` (the first in the low byte on this little-endian
// machine; none of the tests here depends on the order).
inline uint64_t Load(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

inline void Store(char* p, uint64_t x) { std::memcpy(p, &x, sizeof x); }

// Whether every byte is ASCII (below 0x80).
constexpr bool AllAscii(uint64_t x) { return (x & kHighBits) == 0; }

// Whether some byte is below `n` (n at most 128).
constexpr bool AnyBelow(uint64_t x, uint8_t n) { return ((x - kOnes * n) & ~x & kHighBits) != 0; }

// Whether some byte equals `b`.
constexpr bool AnyEqual(uint64_t x, uint8_t b) {
  const uint64_t y = x ^ (kOnes * b);
  return ((y - kOnes) & ~y & kHighBits) != 0;
}

// Eight ASCII bytes (AllAscii) with A-Z as a-z. No sum carries into the
// next byte: a byte is at most 0x7F, and 0x7F + 0x3F < 0x100.
constexpr uint64_t LowerAscii(uint64_t x) {
  const uint64_t from_a = x + kOnes * (0x80 - 'A');      // bit 7 set from 'A' up
  const uint64_t past_z = x + kOnes * (0x80 - 'Z' - 1);  // bit 7 set past 'Z'
  return x | (from_a & ~past_z & kHighBits) >> 2;        // 0x20 on each capital
}

}  // namespace replylint::swar

#endif  // REPLYLINT_BASE_SWAR_H_
