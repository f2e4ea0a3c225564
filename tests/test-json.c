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
  };
  const char *bad[] = {
    "", " ", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "[True]", "[nul]", "{'a':1}",
    "{\"a\":1,}", "[1,]", "[1 2]", "\"x\" 1", "{\"a\" 1}", "{1:2}", "[}", "{]", "[\"\\q\"]",
    "[\"\\u12g4\"]", "[\"raw\ttab\"]", "[\"lone \\ud83d\"]", "[\"lone \\ude00\"]",
    "[\"\\ud83d\\u0041\"]", "/* c */ {}", "[0x1F]", "[NaN]", "[\"bad \xff\"]", "{\"a\":${b}}",
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

  g_assert_null (lone);
  g_assert_cmpstr (pair, ==, "[\n  \"\\ud83d\\ude00\"\n]");
  g_assert_null (bom);
}

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

  return g_test_run ();
}
