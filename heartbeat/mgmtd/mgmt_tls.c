/* The HTTPS key and certificate: read the configured PEM files, or on the
 * first start (neither file there) make a self-signed ECDSA P-256 pair for
 * this host with GnuTLS.  The key is written 0600 before any byte of it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/crypto.h>
#include "log.h"
#include "mgmtd.h"

static bool write_file(const char *path, const void *data, size_t len, mode_t mode,
		       char *why, size_t whylen)
{
	char *dir = g_path_get_dirname(path), *tmp = g_strdup_printf("%s.new", path);
	int fd;
	bool ok = false;

	if (g_mkdir_with_parents(dir, 0750) != 0) {
		snprintf(why, whylen, "cannot make %s: %s", dir, strerror(errno));
		goto out;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode);
	if (fd < 0) {
		snprintf(why, whylen, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) != 0) {
		snprintf(why, whylen, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		snprintf(why, whylen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	ok = true;
out:
	g_free(dir);
	g_free(tmp);
	return ok;
}

#define GT(call, what) do { int rc_ = (call); if (rc_ < 0) { \
	snprintf(why, whylen, "%s: %s", what, gnutls_strerror(rc_)); goto out; } } while (0)

static bool generate(const char *cert, const char *key, char *why, size_t whylen)
{
	gnutls_x509_privkey_t pk = NULL;
	gnutls_x509_crt_t crt = NULL;
	gnutls_datum_t kpem = { NULL, 0 }, cpem = { NULL, 0 };
	unsigned char serial[16];
	char host[256] = "localhost";
	time_t now = time(NULL);
	bool ok = false;

	gethostname(host, sizeof(host) - 1);
	GT(gnutls_x509_privkey_init(&pk), "key");
	GT(gnutls_x509_privkey_generate(pk, GNUTLS_PK_ECDSA,
					GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), "generating the key");
	GT(gnutls_x509_crt_init(&crt), "certificate");
	GT(gnutls_x509_crt_set_version(crt, 3), "certificate version");
	GT(gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof(serial)), "serial");
	serial[0] &= 0x7f;
	GT(gnutls_x509_crt_set_serial(crt, serial, sizeof(serial)), "serial");
	GT(gnutls_x509_crt_set_activation_time(crt, now - 3600), "activation time");
	GT(gnutls_x509_crt_set_expiration_time(crt, now + 10L * 365 * 86400), "expiration time");
	GT(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, host, strlen(host)), "name");
	GT(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0, "heartbeat mgmtd",
					 strlen("heartbeat mgmtd")), "organization");
	GT(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, host, strlen(host), GNUTLS_FSAN_SET),
	   "subject alt name");
	GT(gnutls_x509_crt_set_key(crt, pk), "certificate key");
	GT(gnutls_x509_crt_set_basic_constraints(crt, 0, -1), "basic constraints");
	GT(gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE), "key usage");
	GT(gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0), "key purpose");
	GT(gnutls_x509_crt_sign2(crt, crt, pk, GNUTLS_DIG_SHA256, 0), "signing");
	GT(gnutls_x509_privkey_export2(pk, GNUTLS_X509_FMT_PEM, &kpem), "exporting the key");
	GT(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cpem), "exporting the certificate");
	if (!write_file(key, kpem.data, kpem.size, 0600, why, whylen) ||
	    !write_file(cert, cpem.data, cpem.size, 0644, why, whylen))
		goto out;
	ok = true;
out:
	gnutls_free(kpem.data);
	gnutls_free(cpem.data);
	if (crt)
		gnutls_x509_crt_deinit(crt);
	if (pk)
		gnutls_x509_privkey_deinit(pk);
	return ok;
}

bool mgmt_tls_load(const char *cert, const char *key, char **cert_pem, char **key_pem,
		   char *why, size_t whylen)
{
	bool have_cert = access(cert, F_OK) == 0, have_key = access(key, F_OK) == 0;
	GError *e = NULL;
	struct stat st;

	*cert_pem = *key_pem = NULL;
	if (have_cert != have_key) {
		snprintf(why, whylen, "%s is there but %s is not: give both or neither",
			 have_cert ? cert : key, have_cert ? key : cert);
		return false;
	}
	if (!have_cert) {
		if (!generate(cert, key, why, whylen))
			return false;
		log_msg(LOG_LVL_INFO, "made a self-signed certificate %s (key %s)", cert, key);
	}
	if (stat(key, &st) == 0 && (st.st_mode & 077)) {
		snprintf(why, whylen, "%s: the key may be read by others (mode %o): chmod 600 it",
			 key, (unsigned)(st.st_mode & 0777));
		return false;
	}
	if (!g_file_get_contents(cert, cert_pem, NULL, &e) || !g_file_get_contents(key, key_pem, NULL, &e)) {
		snprintf(why, whylen, "%s", e->message);
		g_error_free(e);
		g_free(*cert_pem);
		*cert_pem = NULL;
		return false;
	}
	return true;
}
