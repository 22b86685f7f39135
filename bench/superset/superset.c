// Prototype of issue 13's superset first pass, outside the product: every keyworded rule's
// pattern compiled by Vectorscan in prefilter mode (HS_FLAG_PREFILTER: look-arounds and
// back-references widened, so it matches wherever the real pattern can), one block-mode
// database, scanned without start of match in 64 KiB reads as maskrun reads a pipe.
// Prints which patterns compile and their widths, the database's compile time and size,
// the scan's speed and, per text, how many match ends and windows (runs of ends of one
// rule) are left for PCRE2 to confirm.
// Usage: superset PATTERNS.tsv TEXT... (lines "rule-id<TAB>pattern", see run.sh)
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RULES 1000
static const char *patterns[MAX_RULES];
static char names[MAX_RULES][64];
static unsigned long ends[MAX_RULES], windows[MAX_RULES];
static long long nextUncovered[MAX_RULES];
static long long readBase;

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int onMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *context) {
    (void)from; (void)flags; (void)context;
    ends[id]++;
    long long end = readBase + (long long)to;
    if (end > nextUncovered[id]) windows[id]++;  // a run of adjacent ends is one window
    nextUncovered[id] = end + 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: superset PATTERNS.tsv TEXT...\n"); return 2; }
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 2; }
    char *line = NULL; size_t capacity = 0; ssize_t length;
    int count = 0, compiled = 0;
    static unsigned flags[MAX_RULES], ids[MAX_RULES], minWidth[MAX_RULES], maxWidth[MAX_RULES];
    static int source[MAX_RULES];
    static char *texts[MAX_RULES];
    while ((length = getline(&line, &capacity, list)) > 0 && count < MAX_RULES) {
        if (line[length - 1] == '\n') line[--length] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        snprintf(names[count], sizeof names[count], "%s", line);
        texts[count] = strdup(tab + 1);
        count++;
    }
    for (int i = 0; i < count; i++) {
        unsigned f = HS_FLAG_PREFILTER | HS_FLAG_MULTILINE | HS_FLAG_ALLOWEMPTY;  // PCRE2_MULTILINE, byte mode
        hs_expr_info_t *info = NULL;
        hs_compile_error_t *error = NULL;
        if (hs_expression_info(texts[i], f, &info, &error) != HS_SUCCESS) {
            printf("refused %-36s %s\n", names[i], error->message);
            hs_free_compile_error(error);
            continue;
        }
        printf("width   %-36s %u..%s\n", names[i], info->min_width,
               info->max_width == 0xFFFFFFFFu ? "unbounded" : (snprintf(names[MAX_RULES - 1], 64, "%u", info->max_width), names[MAX_RULES - 1]));
        patterns[compiled] = texts[i]; flags[compiled] = f; ids[compiled] = compiled; source[compiled] = i;
        minWidth[compiled] = info->min_width; maxWidth[compiled] = info->max_width;
        free(info);
        compiled++;
    }
    hs_database_t *database = NULL;
    hs_compile_error_t *error = NULL;
    double start = seconds();
    if (hs_compile_multi(patterns, flags, ids, compiled, HS_MODE_BLOCK, NULL, &database, &error) != HS_SUCCESS) {
        printf("compile failed: %s (expression %d)\n", error->message, error->expression);
        return 1;
    }
    double compileTime = seconds() - start;
    size_t size = 0;
    hs_database_size(database, &size);
    printf("database: %d of %d patterns, compiled in %.2f s, %zu bytes\n", compiled, count, compileTime, size);
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(database, &scratch);
    const long readSize = 65536;
    for (int a = 2; a < argc; a++) {
        FILE *file = fopen(argv[a], "rb");
        if (!file) { perror(argv[a]); continue; }
        fseek(file, 0, SEEK_END);
        long total = ftell(file);
        rewind(file);
        char *text = malloc(total);
        if (fread(text, 1, total, file) != (size_t)total) { fclose(file); free(text); continue; }
        fclose(file);
        memset(ends, 0, sizeof ends);
        memset(windows, 0, sizeof windows);
        for (int i = 0; i < compiled; i++) nextUncovered[i] = -1;
        start = seconds();
        for (long offset = 0; offset < total; offset += readSize) {
            readBase = offset;
            long n = total - offset < readSize ? total - offset : readSize;
            hs_scan(database, text + offset, (unsigned)n, 0, scratch, onMatch, NULL);
        }
        double scanTime = seconds() - start;
        unsigned long allEnds = 0, allWindows = 0;
        for (int i = 0; i < compiled; i++) { allEnds += ends[i]; allWindows += windows[i]; }
        printf("%s: %.1f MB scanned in %.3f s (%.0f MB/s), %lu ends, %lu windows\n", argv[a], total / 1e6, scanTime,
               total / 1e6 / scanTime, allEnds, allWindows);
        for (int i = 0; i < compiled; i++) {
            if (windows[i] > 20)
                printf("    %-36s %8lu ends %7lu windows, width %u..%u\n", names[source[i]], ends[i], windows[i], minWidth[i], maxWidth[i]);
        }
        free(text);
    }
    hs_free_scratch(scratch);
    hs_free_database(database);
    return 0;
}
