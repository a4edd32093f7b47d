/* Unit tests of the score arithmetic (spec 2.1): saturation at +-INFINITY,
 * a ban beating everything, scaling for colocation fold-in, and parsing. */
#include "check.h"
#include "cib/cib.h"
#include "pengine/pe.h"

int main(void)
{
	char b[16];
	CHECK_INT(pe_score_add(1, 2), 3);
	CHECK_INT(pe_score_add(-5, 2), -3);
	CHECK_INT(pe_score_add(PE_INF, 5), PE_INF);
	CHECK_INT(pe_score_add(-PE_INF, 5), -PE_INF);
	CHECK_INT(pe_score_add(PE_INF, -PE_INF), -PE_INF);
	CHECK_INT(pe_score_add(-PE_INF, PE_INF), -PE_INF);
	CHECK_INT(pe_score_add(PE_INF, PE_INF), PE_INF);
	CHECK_INT(pe_score_add(999999, 999999), PE_INF);
	CHECK_INT(pe_score_add(-999999, -999999), -PE_INF);
	CHECK_INT(pe_score_add(0, 0), 0);
	CHECK_INT(pe_score_clamp(5000000000LL), PE_INF);
	CHECK_INT(pe_score_clamp(-5000000000LL), -PE_INF);
	CHECK_INT(pe_score_clamp(42), 42);

	CHECK_INT(pe_score_scale(100, 1.0), 100);
	CHECK_INT(pe_score_scale(100, -1.0), -100);
	CHECK_INT(pe_score_scale(100, 0.5), 50);
	CHECK_INT(pe_score_scale(PE_INF, 1.0), PE_INF);
	CHECK_INT(pe_score_scale(-PE_INF, 1.0), -PE_INF);
	CHECK_INT(pe_score_scale(-PE_INF, -1.0), PE_INF);
	CHECK_INT(pe_score_scale(PE_INF, 0.0), 0);
	CHECK_INT(pe_score_scale(PE_INF, 0.0001), 100);

	CHECK_STR(pe_score_str(PE_INF, b), "INFINITY");
	CHECK_STR(pe_score_str(-PE_INF, b), "-INFINITY");
	CHECK_STR(pe_score_str(-17, b), "-17");

	int ok;
	CHECK_INT(cib_parse_score("INFINITY", &ok), PE_INF);
	CHECK(ok);
	CHECK_INT(cib_parse_score("+INFINITY", &ok), PE_INF);
	CHECK_INT(cib_parse_score("-INFINITY", &ok), -PE_INF);
	CHECK_INT(cib_parse_score("infinity", &ok), PE_INF);
	CHECK_INT(cib_parse_score("-inf", &ok), -PE_INF);
	CHECK_INT(cib_parse_score("200", &ok), 200);
	CHECK_INT(cib_parse_score("-200", &ok), -200);
	CHECK_INT(cib_parse_score("12345678", &ok), PE_INF);
	CHECK_INT(cib_parse_score("-12345678", &ok), -PE_INF);
	cib_parse_score("12abc", &ok);
	CHECK(!ok);
	cib_parse_score("", &ok);
	CHECK(!ok);
	cib_parse_score(NULL, &ok);
	CHECK(!ok);

	CHECK_INT(cib_parse_interval("10s"), 10000);
	CHECK_INT(cib_parse_interval("10"), 10000);
	CHECK_INT(cib_parse_interval("500ms"), 500);
	CHECK_INT(cib_parse_interval("1min"), 60000);
	CHECK_INT(cib_parse_interval("2h"), 7200000);
	CHECK_INT(cib_parse_interval("0"), 0);
	CHECK_INT(cib_parse_interval(NULL), 0);
	CHECK_INT(cib_parse_interval("ten"), -1);
	CHECK_INT(cib_parse_interval("10 parsecs"), -1);
	CHECK_INT(cib_parse_interval("-5"), -1);
	/* ISO 8601 durations, as Pacemaker takes them ('T' only tells
	 * minutes from months). */
	CHECK_INT(cib_parse_interval("P10S"), 10000);
	CHECK_INT(cib_parse_interval("PT1M30S"), 90000);
	CHECK_INT(cib_parse_interval("P1M"), 30LL * 86400000);
	CHECK_INT(cib_parse_interval("P1DT2H"), 93600000);
	CHECK_INT(cib_parse_interval("P"), -1);
	CHECK_INT(cib_parse_interval("P5X"), -1);
	CHECK(cib_is_true("true") && cib_is_true("on") && cib_is_true("yes") && cib_is_true("1"));
	CHECK(!cib_is_true("false") && !cib_is_true("0") && !cib_is_true(NULL) && !cib_is_true("off"));
	return T_DONE();
}
