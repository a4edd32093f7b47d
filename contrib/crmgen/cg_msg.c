/* crmgen's messages: each in pm_crmgen 1.0's Japanese and in English, the
 * level prefix ("ERROR : ", "WARN  : ", "info  : "...), the file(line) part,
 * and which levels are printed (-V).  Printing nothing else is its job. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cg.h"

struct text {
	const char *ja, *en;
};

/* English formats may use positional arguments where the word order differs. */
static const struct text texts[M_COUNT] = {
	[M_FMTERR] = { "フォーマット・エラーが見つかりました。", "format error found." },
	[M_QUIT_ERR] = { "crmファイル生成中にエラーが発生しました。処理を中止します。",
			 "an error occurred while generating the crm file; nothing was written." },
	[M_QUIT_WARN] = { "警告が発生しています。警告のログを出力するには '-V' オプションを指定してください。",
			  "there were warnings; give the '-V' option to see them." },
	[M_CMDLINE] = { "実行コマンドライン [%s]", "command line [%s]" },
	[M_NO_CSV] = { "CSVファイルが指定されていません。", "no CSV file given." },
	[M_MANY_CSV] = { "CSVファイルが複数指定されています。", "more than one CSV file given." },
	[M_OPEN_FAIL] = { "ファイルのオープンに失敗しました。[%s]", "cannot open the file [%s]." },
	[M_READ_FAIL] = { "ファイルの読み込みに失敗しました。[%s]", "cannot read the file [%s]." },
	[M_WRITE_FAIL] = { "crmファイルの出力に失敗しました。[%s]", "cannot write the crm file [%s]." },
	[M_STDOUT_FAIL] = { "crmコマンドの出力に失敗しました。[標準出力]",
			    "cannot write the crm commands [standard output]." },
	[M_DECODE] = { "データのunicodeへの変換に失敗しました。(%s)",
		       "cannot convert the data to Unicode (%s)." },
	[M_DECODE_DETAIL] = { "%sの%dバイト目 [0x%02x] はShift_JISでもUTF-8でもありません。",
			      "in %s, byte %d [0x%02x] is neither Shift_JIS nor UTF-8" },
	[M_NUL] = { "NULバイトが含まれています。", "the file contains a NUL byte." },
	[M_FIELD_LIMIT] = { "セルのデータが大きすぎます。(%d バイトまで)", "a cell holds more than %d bytes." },
	[M_BAD_TBLHDR] = { "未定義の表ヘッダ [%s](%s) が設定されています。", "undefined table header [%s] (%s)." },
	[M_NO_TBLHDR] = { "表ヘッダが設定されていません。", "data before any table header." },
	[M_PRIM_DEF] = { "Primitiveリソース表の定義が正しくありません。",
			 "the PRIMITIVE table is not laid out right (P first and once, then A and O)." },
	[M_CLM_MISSING] = { "'%s'列が設定されていません。", "the '%s' column is missing." },
	[M_CLM_TWICE] = { "'%s'列が複数設定されています。(%sと%s)",
			  "the '%s' column is given more than once (%s and %s)." },
	[M_CLM_UNKNOWN] = { "未定義の列 [%s](%s) が設定されています。", "undefined column [%s] (%s)." },
	[M_CLM_NONASCII] = { "列定義に全角文字が含まれています。[%s](%s)",
			     "the column name holds non-ASCII characters [%s] (%s)." },
	[M_RSC_DEF] = { "リソース構成表の定義が正しくありません。",
			"the RESOURCES table is not laid out right ('id' between 'resourceItem' columns)." },
	[M_BAD_SCORE_CLM] = { "列定義に無効なスコア値 [%s](%s) の \"%s\" が設定されています。",
			      "the column name [%s] (%s) holds the invalid score \"%s\"." },
	[M_DATA_NONASCII] = { "設定値に全角文字が含まれています。[%s](%s)",
			      "the value holds non-ASCII characters [%s] (%s)." },
	[M_VAL_EMPTY] = { "'%s'列に値が設定されていません。", "the '%s' column is empty." },
	[M_RI_MANY] = { "複数の'resourceItem'列に値が設定されています。",
			"more than one 'resourceItem' column is filled in." },
	[M_RSC_TYPE_UNDEF] = { "未定義のリソース種別 [type: %s] が設定されています。",
			       "undefined resource type [type: %s] (Primitive, Group or Clone)." },
	[M_RI_POS] = { "'resourceItem'列 (リソース構成) の設定に誤りがあります。",
		       "wrong 'resourceItem' column (the nesting of the resources)." },
	[M_RI_TYPE] = { "リソース種別 ('resourceItem'列) の設定に誤りがあります。",
			"this resource cannot be there (a group holds primitives, a clone a primitive or a group)." },
	[M_RSC_DUP] = { "[id: %s] のリソースは既に設定されています。(%s行目)",
			"[id: %s]: the resource is already defined (line %s)." },
	[M_ATTR_TYPE_UNDEF] = { "未定義のパラメータ種別 [type: %s] が設定されています。",
				"undefined attribute type [type: %s] (params or meta)." },
	[M_RSC_NOTFOUND] = { "[id: %s] のリソースが「リソース構成表」に設定されていません。",
			     "[id: %s]: no such resource in the RESOURCES table." },
	[M_PRIM_NOTFOUND] = { "[id: %s] のprimitiveリソースが「リソース構成表」に設定されていません。",
			      "[id: %s]: no such primitive resource in the RESOURCES table." },
	[M_PRIM_DUP] = { "[id: %s] のPrimitiveリソース表は既に設定されています。(%s行目)",
			 "[id: %s]: its PRIMITIVE table is already given (line %s)." },
	[M_PRIM_NOID] = { "表に「リソースID」('id'列に値) が設定されていません。",
			  "the table has no resource id (no valid P row above)." },
	[M_NV_DUP] = { "項目 ('name'列) の値 [%s] は既に設定されています。(%s行目)",
		       "the name [%s] is already set (line %s)." },
	[M_NV_DUP_OF] = { "項目 ('name'列。%sの%sパラメータ) の値 [%s] は既に設定されています。(%s行目)",
			  "%3$s is already set in the %2$s of %1$s (line %4$s)." },
	[M_OP_DUP] = { "オペレーション [%s] の [%s] 項目値は既に設定されています。",
		       "operation [%s]: [%s] is already set." },
	[M_LOC_RSC_ONLY] = { "配置制約対象のリソースID ('rsc'列) のみ設定されています。",
			     "only the resource ('rsc' column) is given: no placement." },
	[M_LOC_DUP] = { "%sの設定による制約は既に指定されています。(%s行目、%s)",
			"the constraint of %s is already given (line %s, %s)." },
	[M_PD_NORSC] = { "パラメータ [(name=) %s] を設定した「%sリソース」が特定できません。",
			 "no %2$s resource has the parameter [(name=) %1$s]." },
	[M_SAME] = { "同じ設定値が既に指定されています。(%s行目)", "the same constraint is already given (line %s)." },
	[M_BAD_VALUE] = { "無効な値 [%s](%s) が設定されています。", "invalid value [%s] (%s)." },
	[M_BAD_SCORE] = { "無効なスコア値 [%s](%s) が設定されています。", "invalid score [%s] (%s)." },
	[M_NO_PRIM_TBL] = { "[id: %s] の「Primitiveリソース表」が設定されていません。(%s行目)",
			    "[id: %s]: no PRIMITIVE table (line %s)." },
	[M_EMPTY_PARENT] = { "%sリソース [id: %s] にリソースが設定されていません。(%s行目)",
			     "%s resource [id: %s] holds no resource (line %s)." },
	[M_NO_DATA] = { "CSVファイルが不正です。(有効なデータが設定されていません。)",
			"invalid CSV file (it holds no data)." },
	[M_D_START] = { "crmファイル生成処理を開始します。", "generating the crm file." },
	[M_D_END] = { "crmファイル生成処理を終了します。", "the crm file is generated." },
	[M_D_ENC] = { "CSVファイルの文字エンコーディング [%s]", "character encoding of the CSV file [%s]" },
	[M_D_MODE] = { "処理モードを[%s]にセットしました。", "table [%s]." },
	[M_D_SUBMODE] = { "サブモードを[%s]にセットしました。", "sub-table [%s]." },
	[M_D_SKIPSUB] = { "エラー検知中のためサブモード[%s]はスキップします。",
			  "sub-table [%s] skipped after an error." },
	[M_D_COMMENT] = { "コメントの行です。", "a comment row." },
	[M_D_EMPTY] = { "データなし行です。", "a row without data." },
	[M_D_BLANKLINE] = { "改行のみの行です。", "an empty line." },
	[M_D_NODATA] = { "実データが設定されていません。", "no value in the named columns." },
	[M_D_SKIP] = { "次の表ヘッダ行までスキップします。", "skipped up to the next table header." },
	[M_D_COLA] = { "列Aに#以外から始まる文字列が設定されています。",
		       "column A holds text that does not start with '#'." },
	[M_D_HDR] = { "表ヘッダ解析処理を開始します。", "reading a table header." },
	[M_D_CLM] = { "列ヘッダ解析処理を開始します。", "reading a column header." },
};

static const char *const level_names[] = { "ERROR", "WARN", "notice", "info", "debug", "debug1" };

bool cg_locale_english(void)
{
	const char *v = getenv("LC_ALL");

	if (!v || !*v)
		v = getenv("LC_MESSAGES");
	if (!v || !*v)
		v = getenv("LANG");
	/* Unset (or C.UTF-8, a character set only) keeps the original's Japanese. */
	if (!v || !*v)
		return false;
	return strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "en", 2) == 0;
}

const char *cg_msg_text(const struct cg_log *l, enum cg_msg m)
{
	return l->english ? texts[m].en : texts[m].ja;
}

const char *cg_col(const struct cg_log *l, int pos, char *buf)
{
	char letters[16];
	int n = pos + 1, i = (int)sizeof letters - 1;

	letters[i] = '\0';
	while (n > 0 && i > 0) {
		letters[--i] = (char)('A' + (n - 1) % 26);
		n = (n - 1) / 26;
	}
	snprintf(buf, 32, "%s%s", l->english ? "column " : "列", letters + i);
	return buf;
}

static void vsay(struct cg_log *l, enum cg_level lv, int where, enum cg_msg m, va_list ap)
{
	const char *name = level_names[lv];

	if (lv == CG_ERROR)
		l->err = l->err2 = true;
	else if (lv == CG_WARN)
		l->warn = true;
	if ((int)lv > l->level || !l->out)
		return;
	fprintf(l->out, "%-6s: ", name);
	if (where == 2 && l->line > 0)
		fprintf(l->out, "%s(%d): ", l->file, l->line);
	else if (where >= 1)
		fprintf(l->out, "%s: ", l->file);
	vfprintf(l->out, cg_msg_text(l, m), ap);
	fputc('\n', l->out);
}

void cg_log_msg(struct cg_log *l, enum cg_level lv, int where, enum cg_msg m, ...)
{
	va_list ap;

	va_start(ap, m);
	vsay(l, lv, where, m, ap);
	va_end(ap);
}

void cg_fmterr(struct cg_log *l, int where, enum cg_msg m, ...)
{
	va_list ap;

	cg_log_msg(l, CG_ERROR, where, M_FMTERR);
	va_start(ap, m);
	vsay(l, CG_INFO, where, m, ap);
	va_end(ap);
}
