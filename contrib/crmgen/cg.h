/* crmgen (pm_crmgen 1.0 in C): the pieces and what they share.  A run is
 * bytes -> CSV records (cg_csv.c) -> decoded, trimmed cells (cg_text.c) ->
 * the tables of the sheet read into a document (cg_sheet.c with cg_rsc.c and
 * cg_cons.c) -> crm text (cg_out.c).  Messages, in Japanese as the original
 * or in English, are cg_msg.c's; the command line is crmgen.c's. */
#ifndef CG_H
#define CG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---- growable byte buffer ---- */
struct cg_buf {
	char *s;
	size_t len, cap;
};
void cg_buf_add(struct cg_buf *b, const char *s, size_t n);
void cg_buf_str(struct cg_buf *b, const char *s);
void cg_buf_printf(struct cg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *cg_strdup(const char *s);
void *cg_alloc(size_t n);                  /* zeroed; exits on failure */
void *cg_grow(void *p, int n, size_t elem); /* room for element n */

/* ---- cg_csv.c: records as Python 2's csv module (excel dialect) reads them ---- */
struct cg_csv {
	const char *p, *end;       /* text with newlines already made '\n' */
	int recno;                 /* records returned so far */
};
struct cg_record {
	int n;
	char **f;                  /* raw bytes of each field, NUL-terminated */
	size_t *len;
};
#define CG_FIELD_LIMIT 131072      /* Python's csv.field_size_limit() */
/* Universal newlines: "\r\n" and "\r" become "\n" (what open(f, 'rU') did). */
char *cg_newlines(const char *in, size_t len, size_t *outlen);
/* 1 = a record (rec->n may be 0: an empty line), 0 = end, -1 = error (why set). */
int cg_csv_next(struct cg_csv *c, struct cg_record *rec, const char **why);
void cg_record_free(struct cg_record *rec);

/* ---- cg_text.c: encodings and cells ---- */
enum cg_enc { CG_ASCII, CG_UTF8, CG_UTF8_BOM, CG_SJIS };
/* Shift_JIS unless the bytes are UTF-8 (a BOM, or valid UTF-8 throughout).
 * *skip is the BOM's length. */
enum cg_enc cg_detect(const char *s, size_t len, size_t *skip);
const char *cg_enc_name(enum cg_enc e);
/* One raw field -> a UTF-8 cell the way pm_crmgen cleaned it: line breaks
 * (runs of them) become one blank, blanks/tabs/U+3000 trimmed.  NULL when
 * the bytes are not valid in the encoding; *bad gets the offending offset. */
char *cg_cell(const char *raw, size_t len, enum cg_enc e, size_t *bad);
bool cg_has_non_ascii(const char *s);      /* anything outside 0x20..0x7e */
bool cg_is_space(const char *s, size_t *n); /* a Python 2 unicode blank at s? its length */
char **cg_split_blank(const char *s, int *n); /* unicode.split() */
void cg_strv_free(char **v, int n);
char *cg_lower_ascii(const char *s);

/* ---- cg_pydict.c ---- */
/* The order in which CPython 2.7 iterates a dict whose (unicode) keys were
 * inserted in this order: order[k] = index of the k-th key iterated. */
void cg_pydict_order(const char *const *keys, int n, int *order);
long long cg_pyhash(const char *utf8);

/* ---- cg_msg.c ---- */
enum cg_level { CG_ERROR, CG_WARN, CG_NOTICE, CG_INFO, CG_DEBUG, CG_DEBUG1 };
enum cg_msg {
	M_FMTERR, M_QUIT_ERR, M_QUIT_WARN, M_CMDLINE, M_NO_CSV, M_MANY_CSV, M_OPEN_FAIL,
	M_READ_FAIL, M_WRITE_FAIL, M_STDOUT_FAIL, M_DECODE, M_DECODE_DETAIL, M_NUL, M_FIELD_LIMIT,
	M_BAD_TBLHDR, M_NO_TBLHDR, M_PRIM_DEF, M_CLM_MISSING, M_CLM_TWICE, M_CLM_UNKNOWN,
	M_CLM_NONASCII, M_RSC_DEF, M_BAD_SCORE_CLM, M_DATA_NONASCII, M_VAL_EMPTY, M_RI_MANY,
	M_RSC_TYPE_UNDEF, M_RI_POS, M_RI_TYPE, M_RSC_DUP, M_ATTR_TYPE_UNDEF, M_RSC_NOTFOUND,
	M_PRIM_NOTFOUND, M_PRIM_DUP, M_PRIM_NOID, M_NV_DUP, M_NV_DUP_OF, M_OP_DUP, M_LOC_RSC_ONLY,
	M_LOC_DUP, M_PD_NORSC, M_SAME, M_BAD_VALUE, M_BAD_SCORE, M_NO_PRIM_TBL, M_EMPTY_PARENT,
	M_NO_DATA, M_D_START, M_D_END, M_D_ENC, M_D_MODE, M_D_SUBMODE, M_D_SKIPSUB, M_D_COMMENT,
	M_D_EMPTY, M_D_BLANKLINE, M_D_NODATA, M_D_SKIP, M_D_COLA, M_D_HDR, M_D_CLM,
	M_COUNT
};
struct cg_log {
	int level;                 /* messages up to this level are printed */
	bool english;
	bool err, warn;            /* any error / warning so far (printed or not) */
	bool err2;                 /* an error since the last cg_log_mark() */
	const char *file;          /* base name of the CSV */
	int line;                  /* record being read, 0 = none */
	FILE *out;                 /* NULL: count only */
};
/* Messages in English when the locale of messages is C, POSIX or en_*. */
bool cg_locale_english(void);
/* where: 0 = no file, 1 = file, 2 = file(line) */
void cg_log_msg(struct cg_log *l, enum cg_level lv, int where, enum cg_msg m, ...);
/* "format error found" at ERROR, then the reason at info, like the original. */
void cg_fmterr(struct cg_log *l, int where, enum cg_msg m, ...);
const char *cg_msg_text(const struct cg_log *l, enum cg_msg m);
/* Excel column name of position pos: "列C" / "column C" (buf of 32). */
const char *cg_col(const struct cg_log *l, int pos, char *buf);

/* ---- the document (what the sheet says) ---- */
struct cg_nv {
	char *name, *value;
	int line;
};
struct cg_nvlist {
	int n;
	struct cg_nv *v;
};
struct cg_set {                /* params or meta of a resource */
	char *kind;
	struct cg_nvlist nv;
};
struct cg_op {
	char *name;
	struct cg_nvlist attrs;
};
enum cg_kind { CG_PRIMITIVE, CG_GROUP, CG_CLONE };
struct cg_rsc {
	enum cg_kind kind;
	char *id;
	int line;                  /* RESOURCES row */
	int p_line;                /* row of its PRIMITIVE table's P row, 0 = none yet */
	int parent;                /* index, -1 = top level */
	int nkids;
	int *kids;
	char *cls, *provider, *type;
	int nsets;
	struct cg_set *sets;
	int nops;
	struct cg_op *ops;
};
enum cg_rule_t { CG_UNAME, CG_PINGD, CG_DISKD };
struct cg_rule {
	enum cg_rule_t t;
	char *score, *node, *attr, *value;
	int line, col;
};
struct cg_loc {
	char *rsc;
	int nrules;
	struct cg_rule *rules;
};
/* A colocation or an order: its cells by the keys of its table (in the
 * order of cg_coloc_keys / cg_order_keys), "" when not given. */
#define CG_CONS_KEYS 6
enum { CG_C_RSC, CG_C_WITH, CG_C_SCORE, CG_C_RSC_ROLE, CG_C_WITH_ROLE };   /* colocation */
enum { CG_O_FIRST, CG_O_THEN, CG_O_SCORE, CG_O_FIRST_ACTION, CG_O_THEN_ACTION, CG_O_SYM }; /* order */
/* (the same positions: cg_out.c prints both with one function; a colocation's
 * last field stays "") */
struct cg_cons {
	char *f[CG_CONS_KEYS];
	bool autogen;              /* made from a pingd/diskd column of LOCATION */
	int line;
};
struct cg_doc {
	bool any;                  /* the original's "root has child nodes" */
	bool has_property, has_rscdef, has_resources;
	struct cg_nvlist property, rsc_defaults;
	int nrsc;
	struct cg_rsc *rsc;
	int nloc;                  /* in output order */
	struct cg_loc *loc;
	int ncol;
	struct cg_cons *col;
	int nord;
	struct cg_cons *ord;
};
void cg_doc_free(struct cg_doc *d);
int cg_rsc_find(const struct cg_doc *d, const char *id);

/* ---- the reading state (cg_sheet.c), shared with the table handlers ---- */
enum cg_mode { CG_M_NONE, CG_M_PROPERTY, CG_M_RSCDEFAULTS, CG_M_RESOURCES, CG_M_ATTRIBUTES,
	       CG_M_PRIMITIVE, CG_M_LOCATION, CG_M_COLOCATION, CG_M_ORDER, CG_M_SKIP };
enum cg_sub { CG_S_NONE, CG_S_P, CG_S_A, CG_S_O };

struct cg_col {                /* a named column of the current table */
	char *key;                 /* its name as the code looks it up */
	int pos;
};
struct cg_row {                /* the current data row: cells by position */
	int n;
	char **cell;
};
struct cg_ctx {
	struct cg_log *log;
	struct cg_doc *doc;
	bool add_colocation, add_order;
	enum cg_mode mode;
	enum cg_sub sub;
	int ncols;                 /* the column header of the current (sub-)table */
	struct cg_col *cols;
	int nri;                   /* resourceItem columns */
	int *ri;
	int npcr;                  /* RESOURCES: the chain of parents above this row */
	int pcr[64];
	char *attr_id, *attr_type; /* "empty means as above" in attribute tables */
	int prim;                  /* resource index of the PRIMITIVE table, -1 = none */
};
/* Position of a named column, -1 if the table has none. */
int cg_colpos(const struct cg_ctx *c, const char *key);
/* Cell of a named column ("" when absent). */
const char *cg_val(const struct cg_ctx *c, const struct cg_row *r, const char *key);
const char *cg_score_norm(struct cg_ctx *c, const char *score, int pos, const char *clm, char *buf, size_t blen);
const char *cg_bool_norm(struct cg_ctx *c, const char *b, int pos);
void cg_nv_add(struct cg_nvlist *l, const char *name, const char *value, int line);

/* cg_rsc.c: option tables, RESOURCES, RSC_ATTRIBUTES, PRIMITIVE; false = stop reading */
void cg_row_option(struct cg_ctx *c, const struct cg_row *r, bool property);
bool cg_row_resources(struct cg_ctx *c, const struct cg_row *r);
bool cg_row_attributes(struct cg_ctx *c, const struct cg_row *r, int rsc);
bool cg_row_primitive(struct cg_ctx *c, const struct cg_row *r);
void cg_check_resources(struct cg_ctx *c);
/* cg_cons.c: LOCATION, COLOCATION, ORDER */
void cg_row_location(struct cg_ctx *c, const struct cg_row *r);
void cg_row_colocation(struct cg_ctx *c, const struct cg_row *r);
void cg_row_order(struct cg_ctx *c, const struct cg_row *r);

/* cg_sheet.c: the whole run on the bytes of a CSV file.  Returns 0 (ok),
 * 1 (error: out is not to be written) or 2 (warnings); out gets the crm
 * text when there is any (out->len may be 0 with 2: no data). */
int cg_generate(const char *data, size_t len, struct cg_log *log, bool add_colocation,
		bool add_order, struct cg_buf *out);

/* cg_out.c */
void cg_output(const struct cg_doc *d, struct cg_buf *out);
#endif
