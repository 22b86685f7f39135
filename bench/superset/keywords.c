// The literal-keyword pass the prototype is compared with: every rule's keywords (caseless
// where the rule's are) in one Vectorscan literal database, scanned in 64 KiB reads; prints
// the hits per text and the rules with more than 500 of them. Measure its cost with
// callgrind (the scan is the same code maskrun runs).
// Usage: keywords KEYWORDS.tsv TEXT... (lines "rule-number<TAB>rule-id<TAB>caseless<TAB>keyword")
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYWORDS 100000
#define MAX_RULES 1000
static unsigned long hits[MAX_RULES];
static int ruleOf[MAX_KEYWORDS];
static char names[MAX_RULES][64];

static int onMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *context) {
    (void)from; (void)to; (void)flags; (void)context;
    hits[ruleOf[id]]++;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: keywords KEYWORDS.tsv TEXT...\n"); return 2; }
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 2; }
    static const char *literals[MAX_KEYWORDS];
    static unsigned flags[MAX_KEYWORDS], ids[MAX_KEYWORDS];
    static size_t lengths[MAX_KEYWORDS];
    char *line = NULL; size_t capacity = 0; ssize_t length;
    int count = 0, rules = 0;
    while ((length = getline(&line, &capacity, list)) > 0 && count < MAX_KEYWORDS) {
        if (line[length - 1] == '\n') line[--length] = 0;
        char *fields[4] = {line, NULL, NULL, NULL};
        for (int f = 1; f < 4; f++) {
            fields[f] = strchr(fields[f - 1], '\t');
            if (!fields[f]) break;
            *fields[f]++ = 0;
        }
        if (!fields[3]) continue;
        int rule = atoi(fields[0]);
        if (rule < 0 || rule >= MAX_RULES) continue;
        snprintf(names[rule], sizeof names[rule], "%s", fields[1]);
        if (rule + 1 > rules) rules = rule + 1;
        ruleOf[count] = rule;
        literals[count] = strdup(fields[3]);
        lengths[count] = strlen(fields[3]);
        flags[count] = atoi(fields[2]) ? HS_FLAG_CASELESS : 0;
        ids[count] = count;
        count++;
    }
    hs_database_t *database = NULL;
    hs_compile_error_t *error = NULL;
    if (hs_compile_lit_multi(literals, flags, ids, lengths, count, HS_MODE_BLOCK, NULL, &database, &error) != HS_SUCCESS) {
        printf("compile failed: %s\n", error->message);
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(database, &scratch);
    for (int a = 2; a < argc; a++) {
        FILE *file = fopen(argv[a], "rb");
        if (!file) { perror(argv[a]); continue; }
        fseek(file, 0, SEEK_END);
        long total = ftell(file);
        rewind(file);
        char *text = malloc(total > 0 ? total : 1);
        if (fread(text, 1, total, file) != (size_t)total) { fclose(file); free(text); continue; }
        fclose(file);
        memset(hits, 0, sizeof hits);
        for (long offset = 0; offset < total; offset += 65536) {
            long n = total - offset < 65536 ? total - offset : 65536;
            hs_scan(database, text + offset, (unsigned)n, 0, scratch, onMatch, NULL);
        }
        unsigned long all = 0;
        for (int i = 0; i < rules; i++) all += hits[i];
        printf("%s: %lu keyword hits\n", argv[a], all);
        for (int i = 0; i < rules; i++) {
            if (hits[i] > 500) printf("    %-36s %lu\n", names[i], hits[i]);
        }
        free(text);
    }
    return 0;
}
