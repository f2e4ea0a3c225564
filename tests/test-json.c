/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pb-connection.h"
#include "pb-json-reader.h"

static void
test_pretty_object (void)
{
  g_autofree char *pretty = NULL;

  pretty = pb_json_text_pretty ("{\"key\":\"${key}\",\"message\":\"${message}\"}");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"key\": \"${key}\",\n"
                   "  \"message\": \"${message}\"\n"
                   "}");
}

static void
test_pretty_nested (void)
{
  g_autofree char *pretty = NULL;

  pretty = pb_json_text_pretty ("  {\"a\":[-1, 2.50e+3,{\"b\":null}],\"c\":{},\"d\":[ ],"
                                "\"e\":true}\n");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"a\": [\n"
                   "    -1,\n"
                   "    2.50e+3,\n"
                   "    {\n"
                   "      \"b\": null\n"
                   "    }\n"
                   "  ],\n"
                   "  \"c\": {},\n"
                   "  \"d\": [],\n"
                   "  \"e\": true\n"
                   "}");
}

/* Strings come out exactly as written: escapes, punctuation and spaces inside them. */
static void
test_pretty_keeps_strings (void)
{
  g_autofree char *pretty = NULL;

  pretty = pb_json_text_pretty ("[\"a, b: {c}\",\"q\\\"uote\\u00e9\\/\",\"é ✓\"]");
  g_assert_cmpstr (pretty, ==,
                   "[\n"
                   "  \"a, b: {c}\",\n"
                   "  \"q\\\"uote\\u00e9\\/\",\n"
                   "  \"é ✓\"\n"
                   "]");
}

/* A template body with a placeholder where a value belongs is still shown as JSON. */
static void
test_pretty_placeholder_value (void)
{
  g_autofree char *pretty = NULL;

  pretty = pb_json_text_pretty ("{\"count\":${count},\"items\":[${first},${second}]}");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"count\": ${count},\n"
                   "  \"items\": [\n"
                   "    ${first},\n"
                   "    ${second}\n"
                   "  ]\n"
                   "}");
}

static void
test_pretty_scalar (void)
{
  g_autofree char *number = pb_json_text_pretty (" 42 ");
  g_autofree char *string = pb_json_text_pretty ("\"text\"");

  g_assert_cmpstr (number, ==, "42");
  g_assert_cmpstr (string, ==, "\"text\"");
}

static void
test_pretty_not_json (void)
{
  const char *texts[] = {
    "",
    "   \n ",
    "hello world",
    "key=value&other=1",
    "{\"a\":1",
    "{\"a\":1}}",
    "{\"a\" 1}",
    "[1 2]",
    "1 2",
    "{\"unterminated: 1}",
    "\"",
    "${only}",
    "{'single': 1}",
    "[1,]x",
    "[0x1F]",
    "[01]",
    "[1.]",
    "[.5]",
    "[1e]",
    "[True]",
    "/* c */ {}",
    "[-]",
    "\"x\" {\"a\":1}",
    "{\"a\":1} []",
    "{\"tab\":\"a\tb\"}",
    "[\"\\q\"]",
    "[\"\\u12\"]",
    "[\"\\u12g4\"]",
    "{\"a\" : 1 :}",
    "{\"a\"}",
    "{1: 2}",
    "{${key}: 2}",
    "[1,,2]",
    "[,]",
    "{,}",
    "[}",
    "{]",
    "[1}",
    "{\"a\":1,}",
    "]",
    ":",
    "\xff\xfe{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *pretty = pb_json_text_pretty (texts[i]);

      if (pretty != NULL)
        g_test_message ("accepted as JSON: “%s” → “%s”", texts[i], pretty);
      g_assert_null (pretty);
    }

  g_assert_null (pb_json_text_pretty (NULL));
}

static void
test_pretty_too_deep (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *pretty = NULL;
  g_autofree char *shallow = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, ']');

  pretty = pb_json_text_pretty (text->str);
  g_assert_null (pretty);

  shallow = pb_json_text_pretty ("[[[[]]]]");
  g_assert_cmpstr (shallow, ==, "[\n  [\n    [\n      []\n    ]\n  ]\n]");
}

static void
assert_spans (const char *text,
              const char *const *expected)
{
  g_autoptr(GArray) spans = pb_json_text_find_placeholders (text);

  g_assert_cmpuint (spans->len, ==, expected ? g_strv_length ((char **) expected) : 0);
  for (guint i = 0; i < spans->len; i++)
    {
      const PbTextSpan *span = &g_array_index (spans, PbTextSpan, i);
      g_autofree char *found = g_strndup (text + span->start, span->end - span->start);

      g_assert_cmpuint (span->start, <, span->end);
      g_assert_cmpstr (found, ==, expected[i]);
    }
}

static void
test_placeholders (void)
{
  const char *url[] = { "${city}", "${units.kind}", NULL };
  const char *body[] = { "${key}", "${message}", NULL };
  const char *unicode[] = { "${größe}", NULL };
  const char *adjacent[] = { "${a}", "${b}", NULL };

  assert_spans ("https://example.com/${city}/weather?units=${units.kind}", url);
  assert_spans ("{\"key\":\"${key}\",\"message\":\"${message}\"}", body);
  assert_spans ("é ${größe} ✓", unicode);
  assert_spans ("${a}${b}", adjacent);
  assert_spans ("no placeholders $ here {x} ${} ${ spaced } ${unclosed ${a\"b} $${", NULL);
  assert_spans ("", NULL);
  assert_spans (NULL, NULL);
}

static void
assert_check (const char       *text,
              gsize             length,
              PbJsonCheckFlags  flags,
              gboolean          expected)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pb_json_text_check (text, length, flags, &error);

  if (ok != expected)
    g_test_message ("“%s” (flags %d): %s", text, flags, ok ? "accepted" : error->message);
  g_assert_cmpint (ok, ==, expected);
  if (ok)
    g_assert_no_error (error);
  else
    g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
}

static void
test_check_strict (void)
{
  const char *good[] = {
    "{}", "[]", "0", "-0.5e+3", "1E2", "\"\"", "true", "false", "null", " \t\r\n[1] \n",
    "{\"a\":[true,false,null,{\"b\":\"c\"}],\"d\":-1}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"]",
    "[\"pair \\ud83d\\ude00\"]", "[\"é ✓ 日本\"]", "[\"${inside a string}\"]",
    /* Lone surrogate escapes are JSON (they read as U+FFFD). */
    "[\"lone \\ud83d\"]", "[\"lone \\ude00\"]", "[\"\\ud83d\\u0041\"]",
  };
  const char *bad[] = {
    "", " ", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "[True]", "[nul]", "{'a':1}",
    "{\"a\":1,}", "[1,]", "[1 2]", "\"x\" 1", "{\"a\" 1}", "{1:2}", "[}", "{]", "[\"\\q\"]",
    "[\"\\u12g4\"]", "[\"raw\ttab\"]", "[\"\\ud83d\\ud\"]", "[\"\xed\xa0\xbd\"]",
    "/* c */ {}", "[0x1F]", "[NaN]", "[\"bad \xff\"]", "{\"a\":${b}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    assert_check (good[i], strlen (good[i]), PB_JSON_CHECK_DEFAULT, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_check (bad[i], strlen (bad[i]), PB_JSON_CHECK_DEFAULT, FALSE);

  /* The length is what counts: a NUL byte inside it is refused, text after it is not read. */
  assert_check ("[1]\0", 4, PB_JSON_CHECK_DEFAULT, FALSE);
  assert_check ("[\"a\0b\"]", 7, PB_JSON_CHECK_DEFAULT, FALSE);
  assert_check ("[1] garbage", 3, PB_JSON_CHECK_DEFAULT, TRUE);
  assert_check (NULL, 0, PB_JSON_CHECK_DEFAULT, FALSE);
}

static void
test_check_flags (void)
{
  const char *templates[] = {
    "{\"count\":${count}}", "[${a}, ${b}]", "{\"a\":[1,${x.y}]}",
  };
  const char *not_templates[] = {
    "${only}", " ${only} ", "{${key}:1}", "[1${x}]", "[${x}1]", "[${}]", "[${a b}]",
    "[${unclosed]", "[$x]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      assert_check (templates[i], strlen (templates[i]), PB_JSON_CHECK_ALLOW_PLACEHOLDERS,
                    TRUE);
      assert_check (templates[i], strlen (templates[i]), PB_JSON_CHECK_DEFAULT, FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_templates); i++)
    assert_check (not_templates[i], strlen (not_templates[i]),
                  PB_JSON_CHECK_ALLOW_PLACEHOLDERS, FALSE);

  assert_check ("\xef\xbb\xbf{}", 5, PB_JSON_CHECK_ALLOW_BOM, TRUE);
  assert_check ("\xef\xbb\xbf{}", 5, PB_JSON_CHECK_DEFAULT, FALSE);
  assert_check ("\xef\xbb\xbf", 3, PB_JSON_CHECK_ALLOW_BOM, FALSE);
  assert_check ("{}\xef\xbb\xbf", 5, PB_JSON_CHECK_ALLOW_BOM, FALSE);
}

static void
test_check_depth (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* PB_JSON_MAX_DEPTH levels, brackets inside strings not counted. */
  for (guint i = 0; i < PB_JSON_MAX_DEPTH; i++)
    g_string_append (text, i % 2 ? "[" : "{\"k\":");
  g_string_append (text, "\"[{ do not count }]\"");
  for (guint i = PB_JSON_MAX_DEPTH; i > 0; i--)
    g_string_append (text, (i - 1) % 2 ? "]" : "}");
  assert_check (text->str, text->len, PB_JSON_CHECK_DEFAULT, TRUE);

  /* One more. */
  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  assert_check (text->str, text->len, PB_JSON_CHECK_DEFAULT, FALSE);

  /* Far deeper than the limit: refused without running out of stack. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, ']');
  g_assert_false (pb_json_text_check (text->str, text->len, PB_JSON_CHECK_DEFAULT, &error));
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "512"));
}

static void
test_compact (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *template = NULL;
  const char *text = "\xef\xbb\xbf { \"a b\" : [ 1.50 , \"x \\u0020 y\" ] ,\n\"c\" : { } }\n";

  compact = pb_json_text_compact (text, strlen (text), PB_JSON_CHECK_ALLOW_BOM, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (compact, ==, "{\"a b\":[1.50,\"x \\u0020 y\"],\"c\":{}}");

  template = pb_json_text_compact ("[ ${a} , 2 ]", 12, PB_JSON_CHECK_ALLOW_PLACEHOLDERS,
                                   NULL);
  g_assert_cmpstr (template, ==, "[${a},2]");

  refused = pb_json_text_compact ("[1,]", 4, PB_JSON_CHECK_DEFAULT, &error);
  g_assert_null (refused);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
}

static void
assert_top_level_message (const char *text,
                          const char *expected)
{
  g_autofree char *found = pb_json_text_get_top_level_string (text, strlen (text),
                                                              PB_JSON_CHECK_DEFAULT,
                                                              "message");

  g_test_message ("%s", text);
  g_assert_cmpstr (found, ==, expected);
}

static void
test_top_level_string (void)
{
  assert_top_level_message ("{\"message\":\"plain\"}", "plain");
  assert_top_level_message ("{\"message\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\\n\"}",
                            "café 😀 \"q\"\n");
  assert_top_level_message ("{\"message\":\"nul\\u0000\"}", "nul ");
  assert_top_level_message ("{\"message\":\"first\",\"message\":\"last\"}", "last");
  assert_top_level_message ("{\"message\":\"first\",\"message\":null}", NULL);
  assert_top_level_message ("{\"message\":1}", NULL);
  assert_top_level_message ("{\"other\":\"x\"}", NULL);
  assert_top_level_message ("{\"nested\":{\"message\":\"no\"}}", NULL);
  assert_top_level_message ("[{\"message\":\"no\"}]", NULL);
  assert_top_level_message ("{\"message\":\"valid\",\"rest\":[1,]}", NULL);
  assert_top_level_message ("{\"messages\":\"no\",\"messag\":\"no\"}", NULL);
}

/* What the pretty printer shows as it is, now that it reads with pb_json_text_check(). */
static void
test_pretty_strict_strings (void)
{
  g_autofree char *lone = pb_json_text_pretty ("[\"\\ud83d\"]");
  g_autofree char *pair = pb_json_text_pretty ("[\"\\ud83d\\ude00\"]");
  g_autofree char *bom = pb_json_text_pretty ("\xef\xbb\xbf[1]");

  /* A lone surrogate escape is written \ufffd. */
  g_assert_cmpstr (lone, ==, "[\n  \"\\ufffd\"\n]");
  g_assert_cmpstr (pair, ==, "[\n  \"\\ud83d\\ude00\"\n]");
  g_assert_null (bom);
}

/* {{{ The pull reader */

static void
test_reader_walk (void)
{
  const char *text = "\xef\xbb\xbf { \"a\\u0062\" : [ 1 , -2.50e1 , \"x\\ty\" , true , null ,"
                     " { } , [ ] ] , \"n\" : { \"deep\" : [ [ 5 ] ] , \"after\" : false } }";
  g_autoptr(PbJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *string = NULL;
  gboolean boolean = FALSE;
  gint64 number = 0;

  reader = pb_json_reader_new (text, strlen (text), PB_JSON_CHECK_ALLOW_BOM, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_OBJECT);
  g_assert_cmpuint (pb_json_reader_get_depth (reader), ==, 0);
  /* Nothing beside the document's value. */
  g_assert_false (pb_json_reader_next (reader));
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_NONE);
  g_clear_pointer (&reader, pb_json_reader_free);

  reader = pb_json_reader_new (text, strlen (text), PB_JSON_CHECK_ALLOW_BOM, &error);
  pb_json_reader_append_compact (reader, compact);
  g_assert_cmpstr (compact->str, ==,
                   "{\"a\\u0062\":[1,-2.50e1,\"x\\ty\",true,null,{},[]],"
                   "\"n\":{\"deep\":[[5]],\"after\":false}}");

  g_assert_true (pb_json_reader_start_object (reader));
  g_assert_cmpuint (pb_json_reader_get_depth (reader), ==, 1);
  name = pb_json_reader_dup_member_name (reader);
  g_assert_cmpstr (name, ==, "ab");
  g_assert_true (pb_json_reader_member_is (reader, "ab", -1));
  g_assert_false (pb_json_reader_member_is (reader, "a", -1));
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_ARRAY);
  /* Not a string, not a number. */
  g_assert_null (pb_json_reader_dup_string (reader));
  g_assert_false (pb_json_reader_get_int64 (reader, &number));

  g_assert_true (pb_json_reader_start_array (reader));
  g_assert_true (pb_json_reader_get_int64 (reader, &number));
  g_assert_cmpint (number, ==, 1);
  g_assert_true (pb_json_reader_next (reader));
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_NUMBER);
  g_assert_true (pb_json_reader_get_int64 (reader, &number));
  g_assert_cmpint (number, ==, -25);
  g_assert_true (pb_json_reader_next (reader));
  string = pb_json_reader_dup_string (reader);
  g_assert_cmpstr (string, ==, "x\ty");
  g_assert_true (pb_json_reader_next (reader));
  g_assert_true (pb_json_reader_get_boolean (reader, &boolean));
  g_assert_true (boolean);
  g_assert_true (pb_json_reader_next (reader));
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_NULL);
  g_assert_false (pb_json_reader_get_boolean (reader, &boolean));
  g_assert_true (pb_json_reader_next (reader));
  g_assert_false (pb_json_reader_start_object (reader));
  pb_json_reader_end (reader);
  g_assert_true (pb_json_reader_next (reader));
  g_assert_false (pb_json_reader_start_array (reader));
  pb_json_reader_end (reader);
  g_assert_false (pb_json_reader_next (reader));
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_NONE);
  pb_json_reader_end (reader);

  /* Leaving early skips the rest of a container. */
  g_assert_true (pb_json_reader_next (reader));
  g_assert_true (pb_json_reader_member_is (reader, "n", 1));
  g_assert_true (pb_json_reader_start_object (reader));
  g_assert_true (pb_json_reader_start_array (reader));
  g_assert_cmpuint (pb_json_reader_get_depth (reader), ==, 3);
  pb_json_reader_end (reader);
  g_assert_true (pb_json_reader_next (reader));
  g_assert_true (pb_json_reader_member_is (reader, "after", -1));
  g_assert_true (pb_json_reader_get_boolean (reader, &boolean));
  g_assert_false (boolean);
  pb_json_reader_end (reader);
  g_assert_cmpint (pb_json_reader_get_value_type (reader), ==, PB_JSON_OBJECT);
  g_assert_false (pb_json_reader_next (reader));
  pb_json_reader_end (reader);
  g_assert_cmpuint (pb_json_reader_get_depth (reader), ==, 0);
}

/* The span of each value in the text as given: a byte order mark counts, a string has its
 * quotes, a placeholder is whole. */
static void
test_reader_span (void)
{
  const char text[] = "\xef\xbb\xbf{\"a\": [1.5e1, \"x\\\"y\", ${p}] , \"b\" : null}";
  const char *expected[] = { "1.5e1", "\"x\\\"y\"", "${p}" };
  g_autoptr(PbJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  PbTextSpan span;
  guint i = 0;

  reader = pb_json_reader_new (text, strlen (text),
                               PB_JSON_CHECK_ALLOW_BOM | PB_JSON_CHECK_ALLOW_PLACEHOLDERS,
                               &error);
  g_assert_no_error (error);
  g_assert_true (pb_json_reader_get_value_span (reader, &span));
  g_assert_cmpuint (span.start, ==, 3);
  g_assert_cmpuint (span.end, ==, strlen (text));

  g_assert_true (pb_json_reader_start_object (reader));
  g_assert_true (pb_json_reader_get_value_span (reader, &span));
  g_assert_cmpstr (text + span.end, ==, " , \"b\" : null}");
  for (gboolean more = pb_json_reader_start_array (reader); more;
       more = pb_json_reader_next (reader), i++)
    {
      g_assert_true (pb_json_reader_get_value_span (reader, &span));
      g_assert_cmpuint (span.end - span.start, ==, strlen (expected[i]));
      g_assert_true (memcmp (text + span.start, expected[i], strlen (expected[i])) == 0);
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  g_assert_false (pb_json_reader_get_value_span (reader, &span));
  pb_json_reader_end (reader);

  g_assert_true (pb_json_reader_next (reader));
  g_assert_true (pb_json_reader_get_value_span (reader, &span));
  g_assert_cmpstr (text + span.start, ==, "null}");
  g_assert_cmpuint (span.end - span.start, ==, 4);
}

static void
test_reader_numbers (void)
{
  static const struct
  {
    const char *text;
    gboolean    integral;
    gint64      value;
  } cases[] = {
    { "0", TRUE, 0 }, { "-7", TRUE, -7 }, { "5.0", TRUE, 5 }, { "1e3", TRUE, 1000 },
    { "1.5", FALSE, 0 }, { "9223372036854775807", TRUE, G_MAXINT64 },
    { "9223372036854775808", FALSE, 0 }, { "-9223372036854775808", TRUE, G_MININT64 },
    { "1e300", FALSE, 0 }, { "\"5\"", FALSE, 0 }, { "true", FALSE, 0 },
    { "100000000000000000000000000000000000000000000000000000000000000000000", FALSE, 0 },
    { "4.00000000000000000000000000000000000000000000000000000000000000000000", TRUE, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbJsonReader) reader = pb_json_reader_new (cases[i].text, strlen (cases[i].text),
                                                           PB_JSON_CHECK_DEFAULT, NULL);
      gint64 value = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_nonnull (reader);
      g_assert_cmpint (pb_json_reader_get_int64 (reader, &value), ==, cases[i].integral);
      if (cases[i].integral)
        g_assert_cmpint (value, ==, cases[i].value);
    }
}

/* }}} */
/* {{{ One rule for NUL, surrogates and depth */

/* A case of the rule: a JSON value (levels > 0: arrays nested that deep instead), whether it
 * is valid, for a string the text it decodes to, and how Plugboard writes it (NULL: as
 * received; lone surrogate escapes are written \ufffd). Every reader of JSON must agree. */
typedef struct
{
  const char *value;
  gsize       length;
  guint       levels;
  gboolean    valid;
  const char *decoded;
  const char *written;
} RuleCase;

#define TEXT(value, valid, decoded) { value, sizeof (value) - 1, 0, valid, decoded, NULL }
#define REPAIRED(value, decoded, written) { value, sizeof (value) - 1, 0, TRUE, decoded, written }
#define DEPTH(levels, valid) { NULL, 0, levels, valid, NULL, NULL }
#define FFFD "\xef\xbf\xbd"

static const RuleCase rule_cases[] = {
  TEXT ("\"a\\u0000b\"", TRUE, "a b"),
  TEXT ("\"\\u0000\"", TRUE, " "),
  TEXT ("\"a\0b\"", FALSE, NULL),
  TEXT ("\"ab\"\0", FALSE, NULL),
  TEXT ("\0\"ab\"", FALSE, NULL),
  TEXT ("\"\\ud83d\\ude00\"", TRUE, "😀"),
  TEXT ("\"\\uD83D\\uDE00\"", TRUE, "😀"),
  TEXT ("\"\\udbff\\udfff\"", TRUE, "\xf4\x8f\xbf\xbf"),
  TEXT ("\"\\ud800\\udc00\"", TRUE, "\xf0\x90\x80\x80"),
  /* A lone surrogate escape is JSON; it reads as U+FFFD, and is written \ufffd. */
  REPAIRED ("\"\\ud83d\"", FFFD, "\"\\ufffd\""),
  REPAIRED ("\"\\uD800\"", FFFD, "\"\\ufffd\""),
  REPAIRED ("\"lone \\ud83d here\"", "lone " FFFD " here", "\"lone \\ufffd here\""),
  REPAIRED ("\"\\ude00\"", FFFD, "\"\\ufffd\""),
  REPAIRED ("\"\\ude00\\ud83d\"", FFFD FFFD, "\"\\ufffd\\ufffd\""),
  REPAIRED ("\"\\ud83d\\u0041\"", FFFD "A", "\"\\ufffd\\u0041\""),
  REPAIRED ("\"\\ud83d\\ud83d\"", FFFD FFFD, "\"\\ufffd\\ufffd\""),
  REPAIRED ("\"\\ud83d\\ud83d\\ude00\"", FFFD "😀", "\"\\ufffd\\ud83d\\ude00\""),
  REPAIRED ("\"\\ud83d\\n\"", FFFD "\n", "\"\\ufffd\\n\""),
  REPAIRED ("\"\\ud83d\\\\ude00\"", FFFD "\\ude00", "\"\\ufffd\\\\ude00\""),
  REPAIRED ("\"😀\\udfff\"", "😀" FFFD, "\"😀\\ufffd\""),
  TEXT ("\"\\ud83d\\ude0\"", FALSE, NULL),
  TEXT ("\"\\ud83\"", FALSE, NULL),
  TEXT ("\"\xed\xa0\xbd\xed\xb8\x80\"", FALSE, NULL), /* surrogates written as UTF-8 */
  TEXT ("\"\\uffff\\ufffd\"", TRUE, "\xef\xbf\xbf\xef\xbf\xbd"),
  DEPTH (1, TRUE),
  DEPTH (PB_JSON_MAX_DEPTH, TRUE),
  DEPTH (PB_JSON_MAX_DEPTH + 1, FALSE),
  DEPTH (100000, FALSE),
};

/* The case's value inside `prefix` and `suffix`, which open `outer` levels themselves. */
static GString *
rule_text (const RuleCase *c,
           const char     *prefix,
           const char     *suffix,
           guint           outer)
{
  GString *text = g_string_new (prefix);

  if (c->levels == 0)
    g_string_append_len (text, c->value, c->length);
  else
    {
      for (guint i = outer; i < c->levels; i++)
        g_string_append_c (text, '[');
      g_string_append (text, "\"d\"");
      for (guint i = outer; i < c->levels; i++)
        g_string_append_c (text, ']');
    }
  g_string_append (text, suffix);
  return text;
}

static void
test_rule_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];
      const char *decoded = c->levels > 0 ? "d" : c->decoded;
      g_autoptr(GString) alone = rule_text (c, "", "", 0);
      g_autoptr(GString) message = rule_text (c, "{\"x\":", ",\"message\":\"m\"}", 1);
      g_autoptr(GString) member = rule_text (c, "{\"message\":", "}", 1);
      /* Depth: in a member the reader skips. */
      g_autoptr(GString) connection = rule_text (c, c->levels > 0 ? "{\"name\":\"c\",\"x\":"
                                                 : "{\"name\":\"c\",\"description\":", "}", 1);
      g_autoptr(GString) list = rule_text (c, c->levels > 0 ? "{\"items\":[{\"name\":\"c\",\"x\":"
                                           : "{\"items\":[{\"name\":\"c\",\"icon\":", "}]}", 3);
      g_autoptr(PbJsonReader) reader = NULL;
      g_autoptr(PbConnection) one = NULL;
      g_autoptr(GPtrArray) many = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *pretty = NULL;
      g_autofree char *top = NULL;
      g_autofree char *found = NULL;

      g_test_message ("case %u", i);

      /* The checker. */
      g_assert_cmpint (pb_json_text_check (alone->str, alone->len, PB_JSON_CHECK_DEFAULT, &error),
                       ==, c->valid);
      if (!c->valid)
        g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
      g_clear_error (&error);

      /* The pull reader, and what is built on it. */
      reader = pb_json_reader_new (alone->str, alone->len, PB_JSON_CHECK_DEFAULT, &error);
      g_assert_cmpint (reader != NULL, ==, c->valid);
      if (reader != NULL && c->levels == 0)
        {
          g_autofree char *string = pb_json_reader_dup_string (reader);

          g_assert_cmpstr (string, ==, decoded);
        }
      g_clear_error (&error);

      top = pb_json_text_get_top_level_string (message->str, message->len,
                                               PB_JSON_CHECK_DEFAULT, "message");
      g_assert_cmpstr (top, ==, c->valid ? "m" : NULL);
      if (c->levels == 0)
        {
          found = pb_json_text_get_top_level_string (member->str, member->len,
                                                     PB_JSON_CHECK_DEFAULT, "message");
          g_assert_cmpstr (found, ==, decoded);
        }
      pretty = pb_json_text_pretty (alone->len == strlen (alone->str) ? alone->str : "");
      g_assert_cmpint (pretty != NULL, ==, c->valid && alone->len == strlen (alone->str));

      /* The connection reader, one and a page. */
      one = pb_connection_new_from_data (connection->str, connection->len, &error);
      g_assert_cmpint (one != NULL, ==, c->valid);
      if (c->valid && c->levels == 0)
        g_assert_cmpstr (pb_connection_get_description (one), ==, decoded);
      if (!c->valid)
        g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
      g_clear_error (&error);

      many = pb_connection_parse_list (list->str, list->len, &error);
      g_assert_cmpint (many != NULL, ==, c->valid);
      if (c->valid && c->levels == 0)
        g_assert_cmpstr (pb_connection_get_icon (many->pdata[0]), ==, decoded);
      if (!c->valid)
        g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
      g_clear_error (&error);

      /* What Plugboard writes, and json-glib (fed through pb_json_parser_load()). */
      if (c->valid && c->levels == 0)
        {
          const char *written = c->written != NULL ? c->written : c->value;
          g_autofree char *compact = pb_json_text_compact (alone->str, alone->len,
                                                           PB_JSON_CHECK_DEFAULT, NULL);
          g_autofree char *kept = g_strdup_printf ("{\"name\":\"c\",\"description\":%s}",
                                                   written);
          g_autofree char *kept_in_list = g_strdup_printf ("{\"name\":\"c\",\"icon\":%s}",
                                                           written);
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(JsonParser) parser2 = json_parser_new ();

          g_assert_cmpstr (compact, ==, written);
          if (pretty != NULL)
            g_assert_cmpstr (pretty, ==, written);
          g_assert_cmpstr (pb_connection_get_json (one), ==, kept);
          g_assert_cmpstr (pb_connection_get_json (many->pdata[0]), ==, kept_in_list);

          /* (json-glib ends a string at \u0000: only the repaired cases here.) */
          if (c->written == NULL)
            continue;
          g_assert_true (g_utf8_validate (pb_connection_get_json (one), -1, NULL));
          g_assert_true (pb_json_parser_load (parser, pb_connection_get_json (one),
                                              strlen (pb_connection_get_json (one)),
                                              PB_JSON_CHECK_DEFAULT, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (pb_json_object_get_string (json_node_get_object (
                             json_parser_get_root (parser)), "description"), ==, decoded);
          /* Text as received, repaired on the way. */
          g_assert_true (pb_json_parser_load (parser2, member->str, member->len,
                                              PB_JSON_CHECK_DEFAULT, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (pb_json_object_get_string (json_node_get_object (
                             json_parser_get_root (parser2)), "message"), ==, decoded);
        }
      else if (c->levels == 0)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_assert_false (pb_json_parser_load (parser, alone->str, alone->len,
                                               PB_JSON_CHECK_DEFAULT, &error));
          g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
          g_clear_error (&error);
        }
    }
}

/* }}} */
/* {{{ Through the connection reader */

static GString *
nested (guint       levels,
        const char *prefix,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < levels; i++)
    g_string_append (s, i % 2 ? "[" : "{\"k\":");
  g_string_append (s, "1");
  for (guint i = levels; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "]" : "}");
  g_string_append (s, suffix);
  return s;
}

static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ok = NULL;
  g_autoptr(GString) deep = NULL;
  g_autoptr(GString) very_deep = NULL;
  g_autoptr(GString) brackets = g_string_new (NULL);
  g_autoptr(PbConnection) c = NULL;
  g_autoptr(GPtrArray) list = NULL;

  /* The document itself is the first level. */
  ok = nested (PB_JSON_MAX_DEPTH - 1, "{\"name\": \"a\", \"x\": ", "}");
  c = pb_connection_new_from_data (ok->str, ok->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_name (c), ==, "a");

  deep = nested (PB_JSON_MAX_DEPTH, "{\"name\": \"a\", \"x\": ", "}");
  g_clear_object (&c);
  c = pb_connection_new_from_data (deep->str, deep->len, &error);
  g_assert_null (c);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "The data is nested too deeply (more than 512 levels).");
  g_clear_error (&error);

  very_deep = nested (10000, "{\"items\": [{\"name\": \"a\", \"x\": ", "}]}");
  list = pb_connection_parse_list (very_deep->str, very_deep->len, &error);
  g_assert_null (list);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (brackets, '[');
  list = pb_connection_parse_list (brackets->str, brackets->len, &error);
  g_assert_null (list);
  g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
}

/* ------------------------------------------------------------------------------------------ */
/* The reader's short cuts                                                                    */

/* Accepts `seq` in a name exactly when GLib calls it valid UTF-8, near the end of the text
 * (read a byte at a time) and followed by more text (read eight bytes at a time). */
static void
check_utf8_sequence (const guchar *seq,
                     gsize         len)
{
  gboolean valid = g_utf8_validate ((const char *)seq, len, NULL);

  for (guint where = 0; where < 2; where++)
    {
      g_autoptr(GString) text = g_string_new ("{\"name\":\"abcdefgh");
      g_autoptr(GError) error = NULL;
      g_autoptr(PbConnection) c = NULL;

      g_string_append_len (text, (const char *)seq, len);
      if (where == 1)
        g_string_append (text, "ijklmnopqrstuvwx");
      g_string_append (text, "\"}");
      c = pb_connection_new_from_data (text->str, text->len, &error);

      if (valid)
        {
          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (pb_connection_get_name (c), "abcdefgh"));
          g_assert_cmpmem (pb_connection_get_name (c) + 8, len, seq, len);
        }
      else
        {
          /* The sequences hold no quote, backslash or control character: the first byte
           * that is wrong is one of UTF-8. */
          g_assert_null (c);
          g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
          g_assert_cmpstr (error->message, ==, "The data is not valid UTF-8 text.");
        }
    }
}

static void
test_utf8 (void)
{
  static const guchar edges[] = {
    0x00, 0x20, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0,
    0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
  };
  guchar seq[4];

  /* Every pair of bytes from a byte >= 0x80 on. */
  for (guint a = 0x80; a < 0x100; a++)
    for (guint b = 0; b < 0x100; b++)
      {
        if (b == '"' || b == '\\' || b < 0x20)
          continue;
        seq[0] = a;
        seq[1] = b;
        check_utf8_sequence (seq, 2);
      }

  /* Three and four bytes: every lead byte with the edges of the ranges after it. */
  for (guint a = 0xc0; a < 0x100; a++)
    for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
      for (guint j = 0; j < G_N_ELEMENTS (edges); j++)
        {
          if (edges[i] < 0x20 || edges[j] < 0x20)
            continue;
          seq[0] = a;
          seq[1] = edges[i];
          seq[2] = edges[j];
          check_utf8_sequence (seq, 3);
          for (guint k = 0; k < G_N_ELEMENTS (edges); k++)
            {
              if (edges[k] < 0x20)
                continue;
              seq[3] = edges[k];
              check_utf8_sequence (seq, 4);
            }
        }

  /* The message names the encoding. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbConnection) c = pb_connection_new_from_data ("{\"name\":\"abcdefghij\xed\xa0\x80"
                                                             "klmnopqrstuvwxyz\"}", -1, &error);

    g_assert_null (c);
    g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "The data is not valid UTF-8 text.");
  }
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/pretty/object", test_pretty_object);
  g_test_add_func ("/json/pretty/nested", test_pretty_nested);
  g_test_add_func ("/json/pretty/keeps-strings", test_pretty_keeps_strings);
  g_test_add_func ("/json/pretty/placeholder-value", test_pretty_placeholder_value);
  g_test_add_func ("/json/pretty/scalar", test_pretty_scalar);
  g_test_add_func ("/json/pretty/not-json", test_pretty_not_json);
  g_test_add_func ("/json/pretty/too-deep", test_pretty_too_deep);
  g_test_add_func ("/json/pretty/strict-strings", test_pretty_strict_strings);
  g_test_add_func ("/json/placeholders", test_placeholders);
  g_test_add_func ("/json/check/strict", test_check_strict);
  g_test_add_func ("/json/check/flags", test_check_flags);
  g_test_add_func ("/json/check/depth", test_check_depth);
  g_test_add_func ("/json/compact", test_compact);
  g_test_add_func ("/json/top-level-string", test_top_level_string);
  g_test_add_func ("/json/reader/walk", test_reader_walk);
  g_test_add_func ("/json/reader/numbers", test_reader_numbers);
  g_test_add_func ("/json/reader/span", test_reader_span);
  g_test_add_func ("/json/rule-cases", test_rule_cases);
  g_test_add_func ("/json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json/utf8", test_utf8);

  return g_test_run ();
}
