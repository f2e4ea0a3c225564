/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-placeholders"

#include "config.h"

#include "pb-placeholders.h"
#include "pb-test-util.h"
#include "test-connection-util.h"

/* Which ${placeholders} of a request have no input mapping, and which mappings none uses. */

static void
assert_strv (char              **actual,
             const char * const *expected)
{
  g_autofree char *joined = g_strjoinv (",", actual);
  g_autofree char *wanted = g_strjoinv (",", (char **) expected);

  g_assert_cmpstr (joined, ==, wanted);
  g_assert_cmpuint (g_strv_length (actual), ==, g_strv_length ((char **) expected));
  g_strfreev (actual);
}

/* Every place of the request counts, in order; each name once. */
static void
test_places (void)
{
  g_autoptr(PbConnection) c = parse_one (
    "{\"name\": \"Places\","
    " \"request\": {\"requestType\": \"POST\","
    "   \"connectionUrl\": \"https://x.example/${region}/items?id=${id}\","
    "   \"requestBody\": \"{\\\"id\\\": \\\"${id}\\\", \\\"n\\\": ${count}, \\\"m\\\": \\\"${note}\\\"}\"},"
    " \"customHeaders\": [{\"name\": \"X-${headerName}\", \"value\": \"Bearer ${token}\"},"
    "                     {\"name\": \"Accept\", \"value\": \"application/json\"}],"
    " \"urlParameters\": [{\"name\": \"lang\", \"value\": \"${lang}\"}],"
    " \"inputMappings\": ["
    "   {\"label\": \"Region\", \"key\": \"region\", \"type\": \"string\"},"
    "   {\"label\": \"Id\", \"key\": \"id\", \"type\": \"string\"},"
    "   {\"label\": \"Id again\", \"key\": \"id\", \"type\": \"string\"},"
    "   {\"label\": \"Token\", \"key\": \"token\", \"type\": \"string\"},"
    "   {\"label\": \"Language\", \"key\": \"lang\", \"type\": \"string\"},"
    "   {\"label\": \"Count\", \"key\": \"count\", \"type\": \"number\"},"
    "   {\"label\": \"Old\", \"key\": \"customerId\", \"type\": \"string\"},"
    "   {\"label\": \"No key\", \"type\": \"string\"},"
    "   {\"label\": \"Empty key\", \"key\": \"\", \"type\": \"string\"},"
    "   {\"label\": \"Case\", \"key\": \"Note\", \"type\": \"string\"}]}");

  assert_strv (pb_placeholders_dup_used (c),
               (const char * const[]) { "region", "id", "headerName", "token", "lang", "count",
                                        "note", NULL });
  /* Keys are names as written: "Note" is not "note". */
  assert_strv (pb_placeholders_dup_unmapped (c),
               (const char * const[]) { "headerName", "note", NULL });
  assert_strv (pb_placeholders_dup_unused (c),
               (const char * const[]) { "customerId", "Note", NULL });
}

/* A connection whose placeholders and mappings meet, and one with neither. */
static void
test_nothing_to_say (void)
{
  g_autoptr(PbConnection) matched = parse_one_fixture ("connection-destination.json");
  g_autoptr(PbConnection) bare = parse_one ("{\"name\": \"Bare\"}");

  assert_strv (pb_placeholders_dup_used (matched),
               (const char * const[]) { "key", "message", NULL });
  assert_strv (pb_placeholders_dup_unmapped (matched), (const char * const[]) { NULL });
  assert_strv (pb_placeholders_dup_unused (matched), (const char * const[]) { NULL });

  assert_strv (pb_placeholders_dup_used (bare), (const char * const[]) { NULL });
  assert_strv (pb_placeholders_dup_unmapped (bare), (const char * const[]) { NULL });
  assert_strv (pb_placeholders_dup_unused (bare), (const char * const[]) { NULL });
}

/* What only looks like a placeholder is none: a mapping for it stays unused. */
static void
test_not_placeholders (void)
{
  g_autoptr(PbConnection) c = parse_one (
    "{\"name\": \"Dollars\","
    " \"request\": {\"connectionUrl\": \"https://x.example/$price/${}/${a b}/${open/$${real}\"},"
    " \"inputMappings\": [{\"label\": \"Price\", \"key\": \"price\"},"
    "                     {\"label\": \"Real\", \"key\": \"real\"}]}");

  assert_strv (pb_placeholders_dup_used (c), (const char * const[]) { "real", NULL });
  assert_strv (pb_placeholders_dup_unmapped (c), (const char * const[]) { NULL });
  assert_strv (pb_placeholders_dup_unused (c), (const char * const[]) { "price", NULL });
}

int
main (int   argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/placeholders/places", test_places);
  g_test_add_func ("/placeholders/nothing-to-say", test_nothing_to_say);
  g_test_add_func ("/placeholders/not-placeholders", test_not_placeholders);

  return g_test_run ();
}
