/* crmgen's readers: the CSV records (quoting, line breaks in cells, CR/LF,
 * the lenient corners of Python's csv module), encodings (ASCII, UTF-8, BOM,
 * Shift_JIS with a backslash as second byte), cell cleaning, the CPython 2.7
 * dict order of op attributes, and whole sheets through cg_generate() for
 * the rules whose messages and output the shared examples do not show. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "cg.h"

/* All records of text, fields joined by '|', records by '/'. */
static char *records(const char *text, int *rc)
{
	struct cg_buf out = { 0 };
	size_t tl;
	char *t = cg_newlines(text, strlen(text), &tl);
	struct cg_csv c = { .p = t, .end = t + tl };
	struct cg_record r;
	const char *why;
	int i, g;

	cg_buf_str(&out, "");
	while ((g = cg_csv_next(&c, &r, &why)) > 0) {
		for (i = 0; i < r.n; i++) {
			if (i)
				cg_buf_str(&out, "|");
			cg_buf_add(&out, r.f[i], r.len[i]);
		}
		cg_buf_str(&out, "/");
		cg_record_free(&r);
	}
	*rc = g;
	free(t);
	return out.s;
}

#define CSV(text, want) do { int rc_; char *got_ = records(text, &rc_); \
	CHECK_STR(got_, want); CHECK_INT(rc_, 0); free(got_); } while (0)

static void test_csv(void)
{
	int rc;
	char *s;

	CSV("a,b,c\n", "a|b|c/");
	CSV("a,b,c", "a|b|c/");
	CSV(",,x,\n", "||x|/");
	CSV("\n\n", "//");                              /* empty lines: records of no fields */
	CSV("a\r\nb\rc\n", "a/b/c/");                   /* universal newlines */
	CSV("\"a,b\",c\n", "a,b|c/");
	CSV("\"say \"\"hi\"\"\",x\n", "say \"hi\"|x/");  /* doubled quotes */
	CSV("\"two\nlines\",x\ny\n", "two\nlines|x/y/");
	CSV("\"two\r\nlines\"\n", "two\nlines/");         /* CRLF inside quotes is one LF */
	CSV("ab\"c\",d\n", "ab\"c\"|d/");                 /* a quote after text is text */
	CSV("\"ab\"cd,e\n", "abcd|e/");                   /* text after the closing quote */
	CSV("\"open,\nto the end", "open,\nto the end/"); /* unterminated: up to the end */
	CSV("\"\"\n", "/");
	CSV("", "");
	/* NUL bytes are refused, as Python's csv did */
	{
		const char t[] = "a,b\nc\0d\n";
		size_t tl;
		char *n = cg_newlines(t, sizeof t - 1, &tl);
		struct cg_csv c = { .p = n, .end = n + tl };
		struct cg_record r;
		const char *why;

		CHECK_INT(cg_csv_next(&c, &r, &why), 1);
		cg_record_free(&r);
		CHECK_INT(cg_csv_next(&c, &r, &why), -1);
		CHECK(why && strstr(why, "NULL"));
		CHECK_INT(c.recno, 2);
		free(n);
	}
	/* a field above Python's limit */
	{
		size_t n = CG_FIELD_LIMIT + 10;
		char *big = malloc(n + 2);

		memset(big, 'x', n);
		big[n] = '\n';
		big[n + 1] = '\0';
		s = records(big, &rc);
		CHECK_INT(rc, -1);
		free(s);
		free(big);
	}
	/* record numbers count records, not lines */
	{
		const char *t = "a\n\"b\nb\"\nc\n";
		struct cg_csv c = { .p = t, .end = t + strlen(t) };
		struct cg_record r;
		const char *why;

		while (cg_csv_next(&c, &r, &why) > 0)
			cg_record_free(&r);
		CHECK_INT(c.recno, 3);
	}
}

static void test_encodings(void)
{
	size_t skip, bad = 99;
	char *s;

	CHECK_INT(cg_detect("abc", 3, &skip), CG_ASCII);
	CHECK_INT(cg_detect("\xe8\xa1\xa8", 3, &skip), CG_UTF8);
	CHECK_INT(cg_detect("\xef\xbb\xbf" "abc", 6, &skip), CG_UTF8_BOM);
	CHECK_INT(skip, 3);
	/* Shift_JIS "表示" = 95 5C 8E A6: the 0x5c is a second byte, not a backslash */
	CHECK_INT(cg_detect("\x95\x5c\x8e\xa6", 4, &skip), CG_SJIS);
	s = cg_cell("\x95\x5c\x8e\xa6", 4, CG_SJIS, &bad);
	CHECK_STR(s, "表示");
	free(s);
	/* the characters where CP932 and Python's shift_jis differ: Python's meaning */
	s = cg_cell("\x81\x60\x81\x7c\x81\x91", 6, CG_SJIS, &bad);
	CHECK_STR(s, "\xe3\x80\x9c\xe2\x88\x92\xc2\xa2");   /* U+301C U+2212 U+00A2 */
	free(s);
	/* half-width katakana, and ASCII '\\' and '~' stay ASCII (not yen / overline) */
	s = cg_cell("\xb1\\~", 3, CG_SJIS, &bad);
	CHECK_STR(s, "\xef\xbd\xb1\\~");
	free(s);
	/* bytes of neither encoding */
	CHECK(cg_cell("ab\x80", 3, CG_SJIS, &bad) == NULL);
	CHECK_INT(bad, 2);
	CHECK(cg_cell("a\xe8\xa1", 3, CG_UTF8, &bad) == NULL);
	CHECK_INT(bad, 1);
	CHECK(cg_cell("\xed\xa0\x80", 3, CG_UTF8, &bad) == NULL);   /* a surrogate */
	/* cleaning: line breaks (runs of them) -> one blank, blanks trimmed */
	s = cg_cell(" \t a\n\n\nb \xe3\x80\x80", 12, CG_UTF8, &bad);
	CHECK_STR(s, "a b");
	free(s);
	s = cg_cell("\xe3\x80\x80\xe3\x80\x80", 6, CG_UTF8, &bad);
	CHECK_STR(s, "");
	free(s);
	CHECK(cg_has_non_ascii("a\tb"));
	CHECK(cg_has_non_ascii("\xe8\xa1\xa8"));
	CHECK(!cg_has_non_ascii("plain ascii ~"));
	{
		int n;
		char **v = cg_split_blank(" pm01\xe3\x80\x80pm02  pm03 ", &n);

		CHECK_INT(n, 3);
		if (n == 3) {
			CHECK_STR(v[0], "pm01");
			CHECK_STR(v[1], "pm02");
			CHECK_STR(v[2], "pm03");
		}
		cg_strv_free(v, n);
	}
}

static void order_of(const char *const *keys, int n, char *out)
{
	int order[16], i;

	cg_pydict_order(keys, n, order);
	out[0] = '\0';
	for (i = 0; i < n && order[i] >= 0; i++) {
		if (strcmp(keys[order[i]], "type") == 0)
			continue;
		if (*out)
			strcat(out, " ");
		strcat(out, keys[order[i]]);
	}
}

static void test_pydict(void)
{
	/* values of CPython 2.7's hash() for these unicode strings */
	CHECK(cg_pyhash("type") == 2314038222113390908LL);
	CHECK(cg_pyhash("interval") == -6496937506804979733LL);
	CHECK(cg_pyhash("\xe6\x99\x82\xe9\x96\x93") == 3350804113504154071LL);
	CHECK(cg_pyhash("a") == 12416037344LL);
	/* the op attribute orders pm_crmgen printed for the template's columns */
	{
		static const struct {
			const char *keys[7];
			int n;
			const char *want;
		} t[] = {
			{ { "type", "timeout", "interval", "on-fail" }, 4, "interval timeout on-fail" },
			{ { "type", "timeout", "interval", "on-fail", "start-delay" }, 5,
			  "interval start-delay timeout on-fail" },
			{ { "type", "timeout", "interval" }, 3, "interval timeout" },
			{ { "type", "timeout", "interval", "on-fail", "role" }, 5, "role interval timeout on-fail" },
			{ { "type", "timeout", "interval", "on-fail", "requires" }, 5,
			  "requires interval timeout on-fail" },
			{ { "type", "timeout", "interval", "on-fail", "OCF_CHECK_LEVEL" }, 5,
			  "OCF_CHECK_LEVEL interval timeout on-fail" },
			{ { "type", "timeout", "interval", "on-fail", "start-delay", "role" }, 6,
			  "interval role timeout on-fail start-delay" },
			/* the column order does not matter for these */
			{ { "interval", "on-fail", "type", "timeout" }, 4, "interval timeout on-fail" },
		};
		char got[256];
		size_t i;

		for (i = 0; i < sizeof t / sizeof t[0]; i++) {
			order_of(t[i].keys, t[i].n, got);
			CHECK_STR(got, t[i].want);
		}
	}
}

/* A whole sheet; messages (English) into msgs. */
static int run(const char *csv, int level, bool colo, bool ord, char **crm, char **msgs)
{
	struct cg_buf out = { 0 };
	size_t mlen = 0;
	FILE *m = open_memstream(msgs, &mlen);
	struct cg_log log = { .level = level, .english = true, .file = "t.csv", .out = m };
	int rc = cg_generate(csv, strlen(csv), &log, colo, ord, &out);

	fclose(m);
	*crm = out.s ? out.s : cg_strdup("");
	return rc;
}

#define PRIM(id) ",PRIMITIVE\n,P,id,class,provider,type\n,," id ",ocf,heartbeat,Dummy\n"

static void test_sheets(void)
{
	char *crm, *msgs;

	/* two rows of one operation are one op (1.0), with a warning */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,p1\n" PRIM("p1")
		      ",O,type,timeout,interval\n,,monitor,20s,10s\n,,monitor,30s,\n", CG_WARN, true, true,
		      &crm, &msgs), 2);
	CHECK(strstr(crm, "\top monitor interval=\"10s\" timeout=\"20s\" timeout=\"30s\"\n") != NULL);
	CHECK_STR(msgs, "WARN  : t.csv(9): operation [monitor]: [timeout] is already set.\n");
	free(crm);
	free(msgs);

	/* an op row without values gives no op line */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,p1\n" PRIM("p1")
		      ",O,type,timeout\n,,start\n", CG_WARN, true, true, &crm, &msgs), 0);
	CHECK_STR(crm, "### Primitive Configuration ###\nprimitive p1 ocf:heartbeat:Dummy\n");
	free(crm);
	free(msgs);

	/* several LOCATION rows for one resource: one command, at the last row's place */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n,,Primitive,b\n" PRIM("a") PRIM("b")
		      ",LOCATION\n,,rsc,score:100,score:inf\n,,a,n1\n,,b,n2\n,,a,,n3 n4\n", CG_WARN, true, true,
		      &crm, &msgs), 0);
	CHECK(strstr(crm, "### Resource Location ###\n"
			  "location rsc_location-b-1 b \\\n\trule 100: #uname eq n2\n"
			  "location rsc_location-a-2 a \\\n\trule 100: #uname eq n1 \\\n"
			  "\trule INFINITY: #uname eq n3 \\\n\trule INFINITY: #uname eq n4\n") != NULL);
	free(crm);
	free(msgs);

	/* the same rule twice: a warning naming both places, and kept */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n" PRIM("a")
		      ",LOCATION\n,,rsc,score:100\n,,a,n1\n,,a,n1\n", CG_WARN, true, true, &crm, &msgs), 2);
	CHECK_STR(msgs, "WARN  : t.csv(10): the constraint of column D is already given (line 9, column D).\n");
	CHECK(strstr(crm, "rule 100: #uname eq n1 \\\n\trule 100: #uname eq n1\n") != NULL);
	free(crm);
	free(msgs);

	/* an explicit colocation equal to a generated one replaces it (at its own place) */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,resourceItem,id\n,,Primitive,,g\n,,Clone,,cl\n,,,Primitive,pd\n"
		      PRIM("g") ",PRIMITIVE\n,P,id,class,provider,type\n,,pd,ocf,pacemaker,pingd\n"
		      ",A,type,name,value\n,,params,name,ping_set\n"
		      ",LOCATION\n,,rsc,pingd:ping_set:100\n,,g,yes\n"
		      ",COLOCATION\n,,rsc,with-rsc,score\n,,g,x,0\n,,g,cl,INF\n", CG_WARN, true, true, &crm, &msgs), 1);
	free(crm);
	free(msgs);
	CHECK_INT(run(",RESOURCES\n,,resourceItem,resourceItem,id\n,,Primitive,,g\n,,Primitive,,x\n,,Clone,,cl\n"
		      ",,,Primitive,pd\n" PRIM("g") PRIM("x")
		      ",PRIMITIVE\n,P,id,class,provider,type\n,,pd,ocf,pacemaker,pingd\n"
		      ",A,type,name,value\n,,params,name,ping_set\n"
		      ",LOCATION\n,,rsc,pingd:ping_set:100\n,,g,yes\n"
		      ",COLOCATION\n,,rsc,with-rsc,score\n,,g,x,0\n,,g,cl,INF\n", CG_WARN, true, true, &crm, &msgs), 0);
	CHECK(strstr(crm, "### Resource Colocation ###\n"
			  "colocation rsc_colocation-g-x-1 0: g x\n"
			  "colocation rsc_colocation-g-cl-2 INFINITY: g cl\n\n"
			  "### Resource Order ###\n"
			  "order rsc_order-cl-g-1 0: cl g symmetrical=false\n") != NULL);
	free(crm);
	free(msgs);
	/* -C: only the order; no pingd primitive with that name: an error */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,g\n" PRIM("g")
		      ",LOCATION\n,,rsc,diskd:status\n,,g,y\n", CG_INFO, false, true, &crm, &msgs), 1);
	CHECK_STR(msgs, "ERROR : t.csv(9): format error found.\n"
			"info  : t.csv(9): no diskd resource has the parameter [(name=) status].\n");
	free(crm);
	free(msgs);
	/* -C -O: the rule alone, no search for the clone */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,g\n" PRIM("g")
		      ",LOCATION\n,,rsc,diskd:status\n,,g,y\n", CG_INFO, false, false, &crm, &msgs), 0);
	CHECK(strstr(crm, "\trule -INFINITY: not_defined status or status eq ERROR\n") != NULL);
	free(crm);
	free(msgs);

	/* a bad boolean and a row with only rsc: warnings, nothing generated */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,g\n" PRIM("g")
		      ",LOCATION\n,,rsc,pingd:p:1,score:10\n,,g,maybe\n,,g\n", CG_WARN, true, true, &crm, &msgs), 2);
	CHECK_STR(msgs, "WARN  : t.csv(9): invalid value [maybe] (column D).\n"
			"WARN  : t.csv(9): only the resource ('rsc' column) is given: no placement.\n"
			"WARN  : t.csv(10): only the resource ('rsc' column) is given: no placement.\n");
	free(crm);
	free(msgs);

	/* RSC_ATTRIBUTES: empty id/type as above; a new id needs its type again */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n,,Primitive,b\n" PRIM("a") PRIM("b")
		      ",RSC_ATTRIBUTES\n,,id,type,name,value\n,,a,meta,m1,1\n,,,,m2,2\n,,,params,p1,x\n,,b,,m3,3\n"
		      ",,b,meta,m4,4\n", CG_INFO, true, true, &crm, &msgs), 1);
	CHECK_STR(msgs, "ERROR : t.csv(16): format error found.\n"
			"info  : t.csv(16): the 'type' column is empty.\n");
	free(crm);
	free(msgs);
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n" PRIM("a")
		      ",RSC_ATTRIBUTES\n,,id,type,name,value\n,,a,meta,m1,1\n,,,,m2,2\n,,,params,p1,x\n,,,meta,m1,\n",
		      CG_INFO, true, true, &crm, &msgs), 2);
	CHECK(strstr(crm, "primitive a ocf:heartbeat:Dummy \\\n\tmeta \\\n\t\tm1=\"1\" \\\n\t\tm2=\"2\" \\\n"
			  "\t\tm1=\"\" \\\n\tparams \\\n\t\tp1=\"x\"\n") != NULL);
	CHECK_STR(msgs, "info  : t.csv(12): the 'value' column is empty.\n"
			"WARN  : t.csv(12): m1 is already set in the meta of a (line 9).\n");
	free(crm);
	free(msgs);

	/* RESOURCES: a group holds primitives only; nesting one level at a time */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,resourceItem,id\n,,Group,,g\n,,,Group,h\n", CG_INFO, true, true,
		      &crm, &msgs), 1);
	CHECK_STR(msgs, "ERROR : t.csv(4): format error found.\n"
			"info  : t.csv(4): this resource cannot be there (a group holds primitives, a clone a primitive or a group).\n");
	free(crm);
	free(msgs);
	CHECK_INT(run(",RESOURCES\n,,resourceItem,resourceItem,id\n,,,Primitive,p\n", CG_INFO, true, true,
		      &crm, &msgs), 1);
	CHECK(strstr(msgs, "wrong 'resourceItem' column") != NULL);
	free(crm);
	free(msgs);
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id,resourceItem\n", CG_INFO, true, true, &crm, &msgs), 1);
	CHECK(strstr(msgs, "'id' between 'resourceItem' columns") != NULL);
	free(crm);
	free(msgs);

	/* PRIMITIVE layout: A before P, a second P row */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n,PRIMITIVE\n,A,type,name,value\n", CG_INFO,
		      true, true, &crm, &msgs), 1);
	CHECK(strstr(msgs, "t.csv(5): the PRIMITIVE table is not laid out right") != NULL);
	free(crm);
	free(msgs);

	/* a line break in a cell: the row number is the record's */
	CHECK_INT(run("\"# a comment\nover two lines\"\n,PROPERTY\n,,name,value,x\n", CG_WARN, true, true, &crm,
		      &msgs), 2);
	CHECK_STR(msgs, "WARN  : t.csv(3): undefined column [x] (column E).\n"
			"WARN  : invalid CSV file (it holds no data).\n");
	CHECK_STR(crm, "");
	free(crm);
	free(msgs);

	/* data before any table header stops at once */
	CHECK_INT(run("# c\n,,x,y\n,PROPERTY\n", CG_INFO, true, true, &crm, &msgs), 1);
	CHECK_STR(msgs, "ERROR : t.csv(2): format error found.\n"
			"info  : t.csv(2): data before any table header.\n");
	free(crm);
	free(msgs);

	/* scores: inf spellings normalised, others warned about and kept */
	CHECK_INT(run(",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n,,Primitive,b\n" PRIM("a") PRIM("b")
		      ",ORDER\n,,first-rsc,then-rsc,score,symmetrical\n,,a,b,+Inf,TRUE\n,,a,b,lots,\n", CG_WARN,
		      true, true, &crm, &msgs), 2);
	CHECK(strstr(crm, "order rsc_order-a-b-1 +INFINITY: a b symmetrical=true\n"
			  "order rsc_order-a-b-2 lots: a b\n") != NULL);
	CHECK_STR(msgs, "WARN  : t.csv(14): invalid score [lots] (column E).\n");
	free(crm);
	free(msgs);

	/* Shift_JIS text in a value: a warning, kept, written as UTF-8 */
	CHECK_INT(run(",PROPERTY\n,,name,value\n,,x,\x95\x5c\n", CG_WARN, true, true, &crm, &msgs), 2);
	CHECK_STR(crm, "### Cluster Option ###\nproperty x=\"表\"\n");
	CHECK_STR(msgs, "WARN  : t.csv(3): the value holds non-ASCII characters [表] (column D).\n");
	free(crm);
	free(msgs);
	/* bytes of no encoding: the row and the column */
	CHECK_INT(run(",PROPERTY\n,,name,value\n,,x,a\x80\n", CG_WARN, true, true, &crm, &msgs), 1);
	CHECK_STR(msgs, "ERROR : t.csv(3): cannot convert the data to Unicode (in column D, byte 2 [0x80] is "
			"neither Shift_JIS nor UTF-8).\n");
	free(crm);
	free(msgs);
}

int main(void)
{
	test_csv();
	test_encodings();
	test_pydict();
	test_sheets();
	return T_DONE();
}
