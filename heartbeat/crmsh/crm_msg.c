/* The shell's messages, spelled as crmsh prints them on stderr
 * ("ERROR: 2: Duplicate resource: prmA"); no colours. */
#include <stdarg.h>
#include "crm.h"

int crm_quiet;

static void say(const char *lvl, int lineno, const char *fmt, va_list ap)
{
	if (crm_quiet)
		return;
	fflush(stdout);
	if (lineno > 0)
		fprintf(stderr, "%s: %d: ", lvl, lineno);
	else
		fprintf(stderr, "%s: ", lvl);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void crm_err(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("ERROR", 0, fmt, ap);
	va_end(ap);
}

void crm_err_at(int lineno, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("ERROR", lineno, fmt, ap);
	va_end(ap);
}

void crm_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("WARNING", 0, fmt, ap);
	va_end(ap);
}

void crm_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("INFO", 0, fmt, ap);
	va_end(ap);
}
