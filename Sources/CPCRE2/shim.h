#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

/* The compiled code of a pattern, published once to every thread that matches it, so a
   match needs no lock (acquire/release: the code is complete before its address is seen). */
static inline uintptr_t maskrun_load_acquire(const uintptr_t *word) { return __atomic_load_n(word, __ATOMIC_ACQUIRE); }
static inline void maskrun_store_release(uintptr_t *word, uintptr_t value) { __atomic_store_n(word, value, __ATOMIC_RELEASE); }
/* A count of tries shared by every thread matching a pattern (relaxed: only a heuristic). */
static inline uintptr_t maskrun_fetch_add_relaxed(uintptr_t *word, uintptr_t value) { return __atomic_fetch_add(word, value, __ATOMIC_RELAXED); }
