/* CSV records exactly as pm_crmgen got them from Python 2.7's csv.reader on a
 * file opened with universal newlines: the "excel" dialect, not strict (a
 * quote after text is kept, text after a closing quote is appended, an
 * unterminated quote runs to the end of the file).  Works on raw bytes: the
 * structural characters are ASCII and never the second byte of a Shift_JIS
 * character, so decoding waits until the fields are cut.  Also the small
 * buffer and allocation helpers of crmgen. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cg.h"

void *cg_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fputs("crmgen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

void *cg_grow(void *p, int n, size_t elem)
{
	void *np = realloc(p, ((size_t)n + 1) * elem);

	if (!np) {
		fputs("crmgen: out of memory\n", stderr);
		exit(1);
	}
	return np;
}

char *cg_strdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d) {
		fputs("crmgen: out of memory\n", stderr);
		exit(1);
	}
	return d;
}

void cg_buf_add(struct cg_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *ns = realloc(b->s, cap);

		if (!ns) {
			fputs("crmgen: out of memory\n", stderr);
			exit(1);
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void cg_buf_str(struct cg_buf *b, const char *s)
{
	cg_buf_add(b, s, strlen(s));
}

void cg_buf_printf(struct cg_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0) {
		fputs("crmgen: out of memory\n", stderr);
		exit(1);
	}
	cg_buf_add(b, s, (size_t)r);
	free(s);
}

char *cg_newlines(const char *in, size_t len, size_t *outlen)
{
	char *out = cg_alloc(len + 1);
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (in[i] == '\r') {
			out[o++] = '\n';
			if (i + 1 < len && in[i + 1] == '\n')
				i++;
		} else
			out[o++] = in[i];
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

enum state { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL };

#define EOL (-1)               /* end of one physical line, as the C module's '\0' */

struct parser {
	enum state st;
	struct cg_buf field;
	struct cg_record *rec;
	const char *why;
};

static void save_field(struct parser *p)
{
	struct cg_record *r = p->rec;

	r->f = cg_grow(r->f, r->n, sizeof *r->f);
	r->len = cg_grow(r->len, r->n, sizeof *r->len);
	r->f[r->n] = cg_alloc(p->field.len + 1);
	if (p->field.len)
		memcpy(r->f[r->n], p->field.s, p->field.len);
	r->len[r->n] = p->field.len;
	r->n++;
	p->field.len = 0;
}

static int add_char(struct parser *p, int ch)
{
	char c = (char)ch;

	if (p->field.len >= CG_FIELD_LIMIT) {
		p->why = "field larger than field limit (131072)";
		return -1;
	}
	cg_buf_add(&p->field, &c, 1);
	return 0;
}

static bool line_end(int ch)
{
	return ch == '\n' || ch == '\r' || ch == EOL;
}

static int step(struct parser *p, int ch)
{
	switch (p->st) {
	case START_RECORD:
		if (ch == EOL)
			return 0;              /* an empty line: a record of no fields */
		if (ch == '\n' || ch == '\r') {
			p->st = EAT_CRNL;
			return 0;
		}
		p->st = START_FIELD;
		/* fall through */
	case START_FIELD:
		if (line_end(ch)) {
			save_field(p);
			p->st = ch == EOL ? START_RECORD : EAT_CRNL;
		} else if (ch == '"')
			p->st = IN_QUOTED_FIELD;
		else if (ch == ',')
			save_field(p);
		else {
			p->st = IN_FIELD;
			return add_char(p, ch);
		}
		return 0;
	case IN_FIELD:
		if (line_end(ch)) {
			save_field(p);
			p->st = ch == EOL ? START_RECORD : EAT_CRNL;
		} else if (ch == ',') {
			save_field(p);
			p->st = START_FIELD;
		} else
			return add_char(p, ch);
		return 0;
	case IN_QUOTED_FIELD:
		if (ch == EOL)
			return 0;              /* the line break itself was kept */
		if (ch == '"') {
			p->st = QUOTE_IN_QUOTED_FIELD;
			return 0;
		}
		return add_char(p, ch);
	case QUOTE_IN_QUOTED_FIELD:
		if (ch == '"') {
			p->st = IN_QUOTED_FIELD;
			return add_char(p, ch);
		}
		if (ch == ',') {
			save_field(p);
			p->st = START_FIELD;
		} else if (line_end(ch)) {
			save_field(p);
			p->st = ch == EOL ? START_RECORD : EAT_CRNL;
		} else {
			p->st = IN_FIELD;
			return add_char(p, ch);
		}
		return 0;
	case EAT_CRNL:
		if (ch == EOL)
			p->st = START_RECORD;
		else if (ch != '\n' && ch != '\r') {
			p->why = "new-line character seen in unquoted field";
			return -1;
		}
		return 0;
	}
	return 0;
}

int cg_csv_next(struct cg_csv *c, struct cg_record *rec, const char **why)
{
	struct parser p = { .st = START_RECORD, .rec = rec };
	int rc = 1;

	memset(rec, 0, sizeof *rec);
	*why = NULL;
	if (c->p >= c->end)
		return 0;
	c->recno++;
	do {
		const char *nl;

		if (c->p >= c->end) {
			/* End of file inside quotes: the field so far ends the record. */
			save_field(&p);
			break;
		}
		nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
		nl = nl ? nl + 1 : c->end;
		for (; c->p < nl; c->p++) {
			if (*c->p == '\0') {
				p.why = "line contains NULL byte";
				rc = -1;
				break;
			}
			if (step(&p, (unsigned char)*c->p) < 0) {
				rc = -1;
				break;
			}
		}
		if (rc < 0 || step(&p, EOL) < 0) {
			rc = -1;
			break;
		}
	} while (p.st != START_RECORD);
	free(p.field.s);
	if (rc < 0) {
		*why = p.why;
		cg_record_free(rec);
		c->p = c->end;
	}
	return rc;
}

void cg_record_free(struct cg_record *rec)
{
	int i;

	for (i = 0; i < rec->n; i++)
		free(rec->f[i]);
	free(rec->f);
	free(rec->len);
	memset(rec, 0, sizeof *rec);
}
