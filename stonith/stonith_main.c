/* stonith: command-line front end to the STONITH devices, compatible with
 * cluster-glue's stonith(8) for -L -n -m -l -S -T and the -p/-F/-E/name=value
 * ways of configuring a device.  The exit code is the device's result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib.h>
#include "stonith.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage:\n"
		"\t stonith [-svh] -L\n"
		"\t stonith [-svh] -t TYPE -n\n"
		"\t stonith [-svh] -t TYPE -m\n"
		"\t stonith [-svh] -t TYPE {-p PARAMS | -F PARAMFILE | -E | name=value...} "
		"[-c count] -lS\n"
		"\t stonith [-svh] -t TYPE {-p PARAMS | -F PARAMFILE | -E | name=value...} "
		"[-c count] -T {reset|on|off} nodename\n"
		"\n"
		"\t-L\tprint the device types available\n"
		"\t-n\tprint the parameter names of device TYPE\n"
		"\t-m\tprint the meta-data of device TYPE\n"
		"\t-l\tprint the hosts the configured device controls\n"
		"\t-S\tcheck the status of the configured device\n"
		"\t-T\treset, power on or power off nodename\n"
		"\t-p\tparameter values in -n order, separated by blanks\n"
		"\t-F\tread the -p values from the first non-comment line of a file\n"
		"\t-E\ttake each parameter from the environment\n"
		"\t-c\trepeat the operations count times\n"
		"\t-s\tquiet; -v verbose; -h this help and every device's description\n");
}

static void describe(const char *type)
{
	struct st_device *d = st_new(type);
	if (!d)
		return;
	char *descr = st_get_info(d, ST_DEVICEDESCR), *url = st_get_info(d, ST_DEVICEURL);
	char **names = st_confignames(d);
	printf("\n\nSTONITH Device: %s - %s\n", type, descr ? descr : "");
	if (url)
		printf("For more information see %s\n", url);
	printf("List of valid parameter names for %s STONITH device:\n", type);
	for (char **n = names; n && *n; n++)
		printf("\t%s\n", *n);
	printf("For Config info [-p] syntax, give each of the above parameters in order as\n"
	       "the -p value.\nArguments are separated by white space.\n"
	       "Config file [-F] syntax is the same as -p, except # at the start of a line\n"
	       "denotes a comment\n");
	g_free(descr);
	g_free(url);
	st_free(d);
}

static void metadata(struct st_device *d)
{
	char *descr = st_get_info(d, ST_DEVICEDESCR), *name = st_get_info(d, ST_DEVICEID);
	char *xml = st_get_info(d, ST_CONF_XML);
	printf("<?xml version=\"1.0\"?>\n"
	       "<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
	       "<resource-agent name=\"%s\">\n<version>1.0</version>\n"
	       "<longdesc lang=\"en\">\n%s\n</longdesc>\n"
	       "<shortdesc lang=\"en\">%s</shortdesc>\n%s\n"
	       "<actions>\n<action name=\"start\"   timeout=\"20\" />\n"
	       "<action name=\"stop\"    timeout=\"15\" />\n"
	       "<action name=\"status\"  timeout=\"20\" />\n"
	       "<action name=\"monitor\" timeout=\"20\" interval=\"3600\" />\n"
	       "<action name=\"meta-data\"  timeout=\"15\" />\n</actions>\n"
	       "<special tag=\"heartbeat\">\n<version>2.0</version>\n</special>\n"
	       "</resource-agent>\n",
	       d->type, descr ? descr : "", name ? name : d->type, xml ? xml : "<parameters/>");
	g_free(descr);
	g_free(name);
	g_free(xml);
}

int main(int argc, char **argv)
{
	const char *type = NULL, *params = NULL, *file = NULL, *op = NULL;
	int list_types = 0, names = 0, meta = 0, list_hosts = 0, status = 0, use_env = 0;
	int silent = 0, help = 0, count = 1, c;

	openlog("stonith", LOG_PID | (isatty(2) ? LOG_PERROR : 0), LOG_USER);
	while ((c = getopt(argc, argv, "c:dEF:hlLmnp:sSt:T:vW")) != -1) {
		switch (c) {
		case 'c': count = atoi(optarg); break;
		case 'E': use_env = 1; break;
		case 'F': file = optarg; break;
		case 'h': help = 1; break;
		case 'l': list_hosts = 1; break;
		case 'L': list_types = 1; break;
		case 'm': meta = 1; break;
		case 'n': names = 1; break;
		case 'p': params = optarg; break;
		case 's': silent = 1; break;
		case 'S': status = 1; break;
		case 't': type = optarg; break;
		case 'T': op = optarg; break;
		case 'd': case 'v': case 'W': break;
		default: usage(stderr); return 1;
		}
	}
	if (help) {
		usage(stdout);
		printf("\nSTONITH -t device types and associated configuration details:\n");
		char **types = type ? g_strsplit(type, ",", 1) : st_types();
		for (char **t = types; *t; t++)
			describe(*t);
		g_strfreev(types);
		return 0;
	}
	if (list_types) {
		char **types = st_types();
		for (char **t = types; *t; t++)
			printf("%s\n", *t);
		g_strfreev(types);
		return 0;
	}
	if (!type) {
		usage(stderr);
		return 1;
	}
	struct st_device *d = st_new(type);
	if (!d) {
		if (!silent)
			fprintf(stderr, "Invalid device type: '%s'\n", type);
		return S_OOPS;
	}
	int rc = 0;
	if (names) {
		char **n = st_confignames(d);
		for (; n && *n; n++)
			printf("%s  ", *n);
		printf("\n");
		goto out;
	}
	if (meta) {
		metadata(d);
		goto out;
	}
	int request = 0;
	const char *node = NULL;
	if (op) {
		request = !strcmp(op, "reset") ? ST_GENERIC_RESET : !strcmp(op, "on") ? ST_POWERON
			: !strcmp(op, "off") ? ST_POWEROFF : 0;
		if (!request) {
			fprintf(stderr, "bad reset type [%s]\n", op);
			usage(stderr);
			rc = 1;
			goto out;
		}
		if (optind >= argc) {
			usage(stderr);
			rc = 1;
			goto out;
		}
		/* the node is the last argument; name=value pairs come before it */
		node = argv[--argc];
	}
	if (params) {
		if (st_set_config_string(d, params) != S_OK) {
			fprintf(stderr, "Invalid STONITH -p parameter [%s]\n", params);
			rc = 1;
			goto out;
		}
	} else if (file) {
		if (st_set_config_file(d, file) != S_OK) {
			fprintf(stderr, "Invalid STONITH -F parameter [%s]\n", file);
			rc = 1;
			goto out;
		}
	} else if (use_env || optind < argc) {
		char **env = NULL;
		if (!use_env) {
			env = g_new0(char *, argc - optind + 1);
			for (int i = optind; i < argc; i++)
				env[i - optind] = g_strdup(argv[i]);
		}
		int r = st_set_config_env(d, env);
		g_strfreev(env);
		if (r != S_OK) {
			fprintf(stderr, "Invalid config info for %s device\n", type);
			rc = 255;
			goto out;
		}
	} else if (!st_confignames(d) || !*st_confignames(d)) {
		/* a device without parameters (suicide) needs no configuration */
		st_set_config_string(d, "");
	} else if (list_hosts || status || op) {
		fprintf(stderr, "Must specify either -p option, -F option, -E option, or "
			"name=value style arguments\n");
		usage(stderr);
		rc = 1;
		goto out;
	}
	for (int i = 0; i < (count > 0 ? count : 1); i++) {
		if (status) {
			int r = st_status(d);
			if (r != S_OK) {
				if (!silent)
					fprintf(stderr, "%s device not accessible.\n", type);
				rc = r;
			}
		}
		if (list_hosts) {
			char **hosts = st_hostlist(d);
			if (!hosts) {
				if (!silent)
					fprintf(stderr, "Could not list hosts for %s.\n", type);
				rc = S_BADCONFIG;
			}
			for (char **h = hosts; h && *h; h++)
				printf("%s\n", *h);
			g_strfreev(hosts);
		}
		if (request) {
			int r = st_reset(d, request, node);
			if (r != S_OK) {
				if (!silent)
					fprintf(stderr, "stonith: %s %s failed: %s\n", op, node,
						st_rc_text(r));
				rc = r;
			}
		}
	}
out:
	st_free(d);
	return rc;
}
