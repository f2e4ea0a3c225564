/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-text"

#include "config.h"

#include <string.h>

#include "pb-json-text.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-text/pretty/object", test_pretty_object);
  g_test_add_func ("/json-text/pretty/nested", test_pretty_nested);
  g_test_add_func ("/json-text/pretty/keeps-strings", test_pretty_keeps_strings);
  g_test_add_func ("/json-text/pretty/placeholder-value", test_pretty_placeholder_value);
  g_test_add_func ("/json-text/pretty/scalar", test_pretty_scalar);
  g_test_add_func ("/json-text/pretty/not-json", test_pretty_not_json);
  g_test_add_func ("/json-text/pretty/too-deep", test_pretty_too_deep);
  g_test_add_func ("/json-text/placeholders", test_placeholders);

  return g_test_run ();
}
