/* The installed agents: names in an agent directory, for `ra list` and the
 * prompt's completion alike. */
#include <string.h>
#include <unistd.h>
#include "crm.h"

static int by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *crm_dir_names(const char *dir, int exec_only)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *e;
	while (d && (e = g_dir_read_name(d))) {
		if (e[0] == '.')
			continue;
		char *p = g_build_filename(dir, e, NULL);
		if (!exec_only || (g_file_test(p, G_FILE_TEST_IS_REGULAR) && access(p, X_OK) == 0))
			g_ptr_array_add(a, g_strdup(e));
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(a, by_name);
	return a;
}

void crm_names_sort(GPtrArray *a)
{
	g_ptr_array_sort(a, by_name);
}
