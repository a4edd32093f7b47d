/* Score arithmetic with INFINITY = 1000000 (spec 2.1): additions saturate,
 * and a ban (-INFINITY) wins over anything, including +INFINITY. */
#include <stdio.h>
#include "pengine/pe.h"

int pe_score_clamp(long long v)
{
	if (v >= PE_INF)
		return PE_INF;
	if (v <= -PE_INF)
		return -PE_INF;
	return (int)v;
}

int pe_score_add(int a, int b)
{
	if (a <= -PE_INF || b <= -PE_INF)
		return -PE_INF;
	if (a >= PE_INF || b >= PE_INF)
		return PE_INF;
	return pe_score_clamp((long long)a + b);
}

int pe_score_scale(int weight, double factor)
{
	if (factor == 0)
		return 0;
	if (weight >= PE_INF || weight <= -PE_INF) {
		int s = weight > 0 ? PE_INF : -PE_INF;
		if (factor >= 1 || factor <= -1)
			return factor > 0 ? s : -s;
	}
	return pe_score_clamp((long long)(weight * factor));
}

const char *pe_score_str(int s, char *buf)
{
	if (s >= PE_INF)
		return "INFINITY";
	if (s <= -PE_INF)
		return "-INFINITY";
	snprintf(buf, 16, "%d", s);
	return buf;
}
