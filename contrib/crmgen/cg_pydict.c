/* The iteration order of a CPython 2.7 dict, for one job: pm_crmgen printed
 * the attributes of an "op" in the order of the dict that held the O-table's
 * columns, so the same order is needed for the same crm text.  A model of
 * dictobject.c for insertions only: open addressing over 8 slots and up,
 * probe i = 5i + perturb + 1 (perturb >>= 5), grown to the smallest power of
 * two above 4 x used once two thirds of the slots are filled. */
#include <stdlib.h>
#include <string.h>
#include "cg.h"

struct slot {
	int key;                   /* index into keys, -1 = empty */
	unsigned long long hash;
};

static void put(struct slot *t, unsigned long long mask, int key, unsigned long long hash)
{
	unsigned long long i = hash & mask, perturb = hash;

	while (t[i & mask].key >= 0) {
		i = (i << 2) + i + perturb + 1;
		perturb >>= 5;
	}
	t[i & mask].key = key;
	t[i & mask].hash = hash;
}

void cg_pydict_order(const char *const *keys, int n, int *order)
{
	unsigned long long size = 8, k;
	struct slot *t = cg_alloc(size * sizeof *t);
	int used = 0, i, j, o = 0;

	for (k = 0; k < size; k++)
		t[k].key = -1;
	for (i = 0; i < n; i++) {
		bool dup = false;

		for (j = 0; j < i; j++)
			if (strcmp(keys[j], keys[i]) == 0)
				dup = true;
		if (dup)
			continue;      /* same key again: the value changes, not the order */
		put(t, size - 1, i, (unsigned long long)cg_pyhash(keys[i]));
		used++;
		if (used * 3 >= (int)size * 2) {
			unsigned long long nsize = 8;
			struct slot *nt;

			while (nsize <= (unsigned long long)used * 4)
				nsize <<= 1;
			nt = cg_alloc(nsize * sizeof *nt);
			for (k = 0; k < nsize; k++)
				nt[k].key = -1;
			for (k = 0; k < size; k++)
				if (t[k].key >= 0)
					put(nt, nsize - 1, t[k].key, t[k].hash);
			free(t);
			t = nt;
			size = nsize;
		}
	}
	for (k = 0; k < size; k++)
		if (t[k].key >= 0)
			order[o++] = t[k].key;
	for (; o < n; o++)
		order[o] = -1;
	free(t);
}
