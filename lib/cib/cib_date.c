/* Date expressions of rules (<date_expression>, pacemaker-1.0 rule.rng):
 * in_range (start, end or start + <duration>), gt (after start), lt
 * (before end) and date_spec (<date_spec hours="9-17" weekdays="1-5"/>),
 * against the execution date.  Dates are ISO 8601 as Pacemaker reads
 * them: calendar (2009-05-26), ordinal (2009-146) or week (2009-W22-2)
 * dates, a time after 'T' or a blank, and Z or an offset; without one the
 * time is local, as is the calendar date_spec is matched on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cib/cib.h"
#include "cib/cib_doc.h"

static const char *const spec_names[CIB_DATE_SPEC_N] = {
	"years", "months", "monthdays", "hours", "minutes", "seconds",
	"yeardays", "weekyears", "weeks", "weekdays", "moon"
};
static const char *const dur_names[7] = { "years", "months", "weeks", "days", "hours", "minutes", "seconds" };

/* Digits at *s, exactly n of them when n > 0 (else any count); -1 if none. */
static long long digits(const char **s, int n)
{
	long long v = 0;
	int k = 0;
	while (**s >= '0' && **s <= '9' && (n <= 0 || k < n)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		k++;
	}
	return k == 0 || (n > 0 && k != n) ? -1 : v;
}

/* Monday of ISO week 1 of year y, as a day of y's January (may be < 1). */
static int iso_week1_monday(int y)
{
	struct tm t = { .tm_year = y - 1900, .tm_mon = 0, .tm_mday = 4, .tm_hour = 12 };
	time_t x = timegm(&t);
	gmtime_r(&x, &t);
	int wd = t.tm_wday ? t.tm_wday : 7;    /* 1 Monday .. 7 Sunday */
	return 4 - (wd - 1);
}

int cib_date_parse(const char *s, long long *out)
{
	const char *p = s;
	long long y = digits(&p, 4);
	if (y < 0)
		return -1;
	struct tm t = { .tm_year = (int)y - 1900, .tm_mday = 1 };
	int yday = -1;
	if (*p == '-')
		p++;
	if (*p == 'W') {              /* week date: YYYY-Www-D */
		p++;
		long long w = digits(&p, 2), d = 1;
		if (*p == '-')
			p++;
		if (*p >= '1' && *p <= '7')
			d = digits(&p, 1);
		if (w < 1 || w > 53)
			return -1;
		yday = iso_week1_monday((int)y) + (int)(w - 1) * 7 + (int)(d - 1);
	} else if (*p) {
		const char *q = p;
		long long a = digits(&q, 0);
		if (q - p == 3) {      /* ordinal: YYYY-DDD */
			if (a < 1 || a > 366)
				return -1;
			yday = (int)a;
			p = q;
		} else if (q - p == 2 || q - p == 4) {
			q = p;
			long long m = digits(&q, 2), d = 1;
			if (*q == '-')
				q++;
			if (*q >= '0' && *q <= '9')
				d = digits(&q, 2);
			if (m < 1 || m > 12 || d < 1 || d > 31)
				return -1;
			t.tm_mon = (int)m - 1;
			t.tm_mday = (int)d;
			p = q;
		} else if (*p != 'T' && *p != ' ') {
			return -1;
		}
	}
	if (yday != -1) {
		t.tm_mon = 0;
		t.tm_mday = yday;   /* mktime/timegm normalise it into its month */
	}
	int zone = 0, have_zone = 0;
	if (*p == 'T' || *p == ' ') {
		p++;
		long long h = digits(&p, 2), mi = 0, se = 0;
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9')
			mi = digits(&p, 2);
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9')
			se = digits(&p, 2);
		if (h < 0 || h > 24 || mi < 0 || mi > 59 || se < 0 || se > 60)
			return -1;
		t.tm_hour = (int)h;
		t.tm_min = (int)mi;
		t.tm_sec = (int)se;
		if (*p == 'Z') {
			have_zone = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1;
			p++;
			long long zh = digits(&p, 2), zm = 0;
			if (*p == ':')
				p++;
			if (*p >= '0' && *p <= '9')
				zm = digits(&p, 2);
			if (zh < 0 || zh > 23 || zm < 0 || zm > 59)
				return -1;
			zone = sign * (int)(zh * 3600 + zm * 60);
			have_zone = 1;
		}
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	if (have_zone) {
		*out = (long long)timegm(&t) - zone;
	} else {
		t.tm_isdst = -1;
		*out = (long long)mktime(&t);
	}
	return 0;
}

long long cib_date_add(long long when, const int dur[7])
{
	time_t x = (time_t)when;
	struct tm t;
	localtime_r(&x, &t);
	t.tm_year += dur[0];
	t.tm_mon += dur[1];
	t.tm_mday += dur[2] * 7 + dur[3];
	t.tm_hour += dur[4];
	t.tm_min += dur[5];
	t.tm_sec += dur[6];
	t.tm_isdst = -1;
	return (long long)mktime(&t);
}

/* "N", "N-M", "N-" or "-M" holds v. */
static int in_spec(const char *spec, long long v)
{
	const char *p = spec;
	long long lo = digits(&p, 0), hi = lo;
	if (*p == '-') {
		p++;
		hi = *p ? digits(&p, 0) : -2;
		if (hi == -1)
			return 0;
	}
	if (*p)
		return 0;
	if (lo == -1 && hi < 0)
		return 0;
	return (lo == -1 || v >= lo) && (hi == -2 || v <= hi);
}

/* The moon's phase, 0 (new) .. 7, by the usual approximation (Pacemaker
 * documents moon= as deprecated and imprecise alike). */
static int moon_phase(const struct tm *t)
{
	int y = t->tm_year + 1900, m = t->tm_mon + 1, d = t->tm_mday;
	if (m < 3) {
		y--;
		m += 12;
	}
	double jd = 365.25 * (y + 4716) + 30.6001 * (m + 1) + d - 1524.5;
	double age = (jd - 2451550.1) / 29.530588853;
	age -= (long long)age;
	if (age < 0)
		age += 1;
	return (int)(age * 8 + 0.5) % 8;
}

static int spec_matches(char *const spec[CIB_DATE_SPEC_N], long long now)
{
	time_t x = (time_t)now;
	struct tm t;
	localtime_r(&x, &t);
	/* ISO 8601 weekday (1 Monday), week and week-based year */
	char buf[16];
	int wd = t.tm_wday ? t.tm_wday : 7, week = 0, wy = 0;
	if (strftime(buf, sizeof buf, "%V %G", &t))
		sscanf(buf, "%d %d", &week, &wy);
	long long v[CIB_DATE_SPEC_N] = { t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
					 t.tm_yday + 1, wy, week, wd, moon_phase(&t) };
	for (int i = 0; i < CIB_DATE_SPEC_N; i++)
		if (spec[i] && !in_spec(spec[i], v[i]))
			return 0;
	return 1;
}

int cib_date_matches(const struct cib_date *d, long long now)
{
	switch (d->op) {
	case CIB_DATE_IN_RANGE:
		return (d->start < 0 || now >= d->start) && (d->end < 0 || now <= d->end);
	case CIB_DATE_GT:
		return now > d->start;
	case CIB_DATE_LT:
		return now < d->end;
	case CIB_DATE_SPEC:
		return spec_matches(d->spec, now);
	}
	return 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

struct cib_date *cib_date_read(xmlNodePtr e, char **why)
{
	const char *op = cib_xml_attr(e, "operation"), *s = cib_xml_attr(e, "start"), *en = cib_xml_attr(e, "end");
	struct cib_date *d = g_new0(struct cib_date, 1);
	d->start = d->end = -1;
	if (!op || !strcmp(op, "in_range"))
		d->op = CIB_DATE_IN_RANGE;
	else if (!strcmp(op, "gt"))
		d->op = CIB_DATE_GT;
	else if (!strcmp(op, "lt"))
		d->op = CIB_DATE_LT;
	else if (!strcmp(op, "date_spec"))
		d->op = CIB_DATE_SPEC;
	else {
		*why = g_strdup_printf("operation \"%s\" (expected in_range, gt, lt or date_spec)", op);
		goto bad;
	}
	if (s && cib_date_parse(s, &d->start) < 0) {
		*why = g_strdup_printf("start \"%s\" is not an ISO 8601 date", s);
		goto bad;
	}
	if (en && cib_date_parse(en, &d->end) < 0) {
		*why = g_strdup_printf("end \"%s\" is not an ISO 8601 date", en);
		goto bad;
	}
	xmlNodePtr du = child(e, "duration");
	if (du && d->op == CIB_DATE_IN_RANGE && !en && d->start >= 0) {
		int dur[7] = { 0 };
		for (int i = 0; i < 7; i++) {
			const char *v = cib_xml_attr(du, dur_names[i]);
			dur[i] = v ? atoi(v) : 0;
		}
		d->end = cib_date_add(d->start, dur);
	}
	if ((d->op == CIB_DATE_GT && d->start < 0) || (d->op == CIB_DATE_LT && d->end < 0) ||
	    (d->op == CIB_DATE_IN_RANGE && d->start < 0 && d->end < 0)) {
		*why = g_strdup_printf("%s needs %s", op ? op : "in_range",
				       d->op == CIB_DATE_GT ? "start" : d->op == CIB_DATE_LT ? "end" : "start or end");
		goto bad;
	}
	if (d->op == CIB_DATE_SPEC) {
		xmlNodePtr sp = child(e, "date_spec");
		if (!sp) {
			*why = g_strdup("date_spec needs a <date_spec> element");
			goto bad;
		}
		for (int i = 0; i < CIB_DATE_SPEC_N; i++) {
			const char *v = cib_xml_attr(sp, spec_names[i]);
			if (v)
				d->spec[i] = g_strdup(v);
		}
	}
	return d;
bad:
	cib_date_free(d);
	return NULL;
}

void cib_date_free(struct cib_date *d)
{
	if (!d)
		return;
	for (int i = 0; i < CIB_DATE_SPEC_N; i++)
		g_free(d->spec[i]);
	g_free(d);
}
