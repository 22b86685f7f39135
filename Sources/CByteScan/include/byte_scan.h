// Byte-class masks of 64 bytes at a time, for the engine's first pass: one bit per byte,
// bit i for byte i. Header-only and `static inline`, so Swift inlines them into its loop;
// SSE2 (every x86-64), else a plain loop; the tests compare the runs found with a
// byte-by-byte scan.
#ifndef MASKRUN_BYTE_SCAN_H
#define MASKRUN_BYTE_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit i set where p[i] is an ASCII digit, for the 64 bytes at p.
static inline uint64_t maskrun_digit_bits64(const uint8_t *p) {
#if defined(__SSE2__)
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i nine = _mm_set1_epi8(9);
    uint64_t bits = 0;
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i)), zero);
        // v is 0...9 exactly where min(v, 9) == v (unsigned bytes).
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(v, nine), v);
        bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(digit) << (16 * i);
    }
    return bits;
#else
    uint64_t bits = 0;
    for (int i = 0; i < 64; i++) bits |= (uint64_t)((uint8_t)(p[i] - '0') < 10) << i;
    return bits;
#endif
}

#endif
