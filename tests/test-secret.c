/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-secret"

#include "config.h"

#include <string.h>

#include "pb-secret.h"

/* The masking rule on its own: which names look secret, and how values, URLs and request
 * bodies are masked. (Where each copy applies it: test-export, test-cache, test-test-report;
 * a whole session: test-secrets.) */

/* {{{ Names and values */

static void
test_secret_names (void)
{
  const char *secret[] = {
    "Authorization", "authorization", "Proxy-Authorization", "X-Api-Key", "Api-Key", "Cookie",
    "Set-Cookie", "client_secret", "clientSecret", "X-Auth-Token", "password", "db_passwd",
    "APIKEY", "api_key", "X-Session-Id", "X-Signature", "credentials", "refresh_token",
    "Ocp-Apim-Subscription-Key", "X-Key", "pwd", "sig", "apiKey", "APIKey", "pass", "Secrets",
    "x-hmac", "userPassword", "private_key",
  };
  const char *plain[] = {
    "Accept", "Accept-Encoding", "Content-Type", "X-Channel", "X-Correlation-Id", "grant_type",
    "client_id", "scope", "User-Agent", "", "Monkey", "keyword", "Passenger", "signal",
    "accessTokenUrl", "authType", "token_endpoint", "Keys-Url", "author", "-_-",
  };

  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    g_assert_true (pb_secret_name_looks_secret (secret[i]));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_false (pb_secret_name_looks_secret (plain[i]));
  g_assert_false (pb_secret_name_looks_secret (NULL));
}

static void
test_secret_mask_url (void)
{
  const struct { const char *url; const char *masked; } cases[] = {
    { "https://h/p?api_key=k1&lang=fr&token=t2#frag",
      "https://h/p?api_key=" PB_SECRET_MASK "&lang=fr&token=" PB_SECRET_MASK "#frag" },
    { "https://h/p?sig=abc;x=1&Api%5FKey=zz",
      "https://h/p?sig=" PB_SECRET_MASK ";x=1&Api%5FKey=" PB_SECRET_MASK },
    { "https://user:hunter2@h/p?q=1", "https://user:" PB_SECRET_MASK "@h/p?q=1" },
    { "https://user@h/p", "https://user@h/p" },
    { "https://h/p?token=&key", "https://h/p?token=&key" },
    { "https://h/${path}?q=${term}", "https://h/${path}?q=${term}" },
    { "https://h/p#?token=x", "https://h/p#?token=x" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = pb_secret_mask_url (cases[i].url);

      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
  g_assert_null (pb_secret_mask_url (NULL));
}

static void
test_secret_mask (void)
{
  const struct { const char *value; const char *masked; } cases[] = {
    { "Bearer eyJhbGciOi.abc.def", "Bearer " PB_SECRET_MASK },
    { "basic dXNlcjpwYXNz", "basic " PB_SECRET_MASK },
    { "Token  abc", "Token " PB_SECRET_MASK },
    { "Bearer", PB_SECRET_MASK },
    { "Bearer ", PB_SECRET_MASK },
    { "Bearerabc", PB_SECRET_MASK },
    { "hunter2 and more", PB_SECRET_MASK },
    { "s3cr3t", PB_SECRET_MASK },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = pb_secret_mask (cases[i].value);

      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
  g_assert_null (pb_secret_mask (NULL));
}

/* }}} */
/* {{{ Request bodies */

typedef struct
{
  const char *text;
  const char *masked;
} Case;

static void
assert_cases (const Case *cases,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *masked = pb_secret_mask_json_text (cases[i].text);

      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
}

#define M "\"" PB_SECRET_MASK "\""

/* The members whose name looks secret, at any depth; the rest of the text as written. */
static void
test_json_body (void)
{
  const Case cases[] = {
    { "{\"password\": \"hunter2\", \"user\": {\"apiKey\": \"k-1\", \"name\": \"n\"}}",
      "{\"password\": " M ", \"user\": {\"apiKey\": " M ", \"name\": \"n\"}}" },
    /* Layout, order and escapes stay; names are compared decoded. */
    { "{\n  \"count\" : 1.50e1,\n  \"token\" :  \"abc\",\n\t\"list\": [ {\"sig\": 5},"
      " {\"x\\u0041\": \"\\u00e9\\n\"} ],\n  \"pass\\u0077ord\": \"a\\\"b\" }\n",
      "{\n  \"count\" : 1.50e1,\n  \"token\" :  " M ",\n\t\"list\": [ {\"sig\": " M "},"
      " {\"x\\u0041\": \"\\u00e9\\n\"} ],\n  \"pass\\u0077ord\": " M " }\n" },
    /* A scheme word stays; null and "" hide nothing. */
    { "{\"Authorization\": \"Bearer abc\", \"password\": null, \"secret\": \"\"}",
      "{\"Authorization\": \"Bearer " PB_SECRET_MASK "\", \"password\": null,"
      " \"secret\": \"\"}" },
    /* Any other value is masked whole. */
    { "{\"credentials\": {\"user\": \"u\", \"pass\": \"p\"}, \"keys\": [1, 2], \"auth\": true}",
      "{\"credentials\": " M ", \"keys\": " M ", \"auth\": " M "}" },
    { "[{\"sig\": \"s\"}, \"password\", {\"monkey\": \"m\", \"authType\": \"BASIC\"}]",
      "[{\"sig\": " M "}, \"password\", {\"monkey\": \"m\", \"authType\": \"BASIC\"}]" },
    /* Nothing to mask: as it is. */
    { "\"password\"", "\"password\"" },
    { "42", "42" },
    { "{}", "{}" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
  g_assert_null (pb_secret_mask_json_text (NULL));
}

/* A body is a template: ${placeholders} where a value belongs. */
static void
test_json_body_placeholders (void)
{
  const Case cases[] = {
    { "{\"count\": ${count}, \"token\": \"abc\"}",
      "{\"count\": ${count}, \"token\": " M "}" },
    { "{\n  \"to\": \"${phone}\",\n  \"apiKey\": ${key},\n  \"list\": [${a}, {\"pwd\": "
      "\"${pwd}\"}]\n}",
      "{\n  \"to\": \"${phone}\",\n  \"apiKey\": " M ",\n  \"list\": [${a}, {\"pwd\": " M
      "}]\n}" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

/* The walk does not recurse: a body as deep as JSON may be is masked at the bottom. */
static void
test_json_body_deep (void)
{
  GString *text = g_string_new (NULL);
  GString *expected = g_string_new (NULL);
  g_autofree char *masked = NULL;

  for (guint i = 0; i < 511; i++)
    g_string_append_c (text, '[');
  g_string_append (expected, text->str);
  g_string_append (text, "{\"key\": \"deep-SECRET\"}");
  g_string_append (expected, "{\"key\": " M "}");
  for (guint i = 0; i < 511; i++)
    {
      g_string_append_c (text, ']');
      g_string_append_c (expected, ']');
    }

  masked = pb_secret_mask_json_text (text->str);
  g_assert_cmpstr (masked, ==, expected->str);
  g_string_free (text, TRUE);
  g_string_free (expected, TRUE);
}

/* Form-encoded text is masked like a query; anything else that is not JSON stays. */
static void
test_other_bodies (void)
{
  const Case cases[] = {
    { "a=b&password=c&api_key=${key}",
      "a=b&password=" PB_SECRET_MASK "&api_key=" PB_SECRET_MASK },
    { "user=a&pass=x;y&Client%5FSecret=z",
      "user=a&pass=" PB_SECRET_MASK "&Client%5FSecret=" PB_SECRET_MASK },
    { "password=", "password=" },
    { "grant_type=client_credentials", "grant_type=client_credentials" },
    /* Not form-encoded: white space, or a part without a name. */
    { "password = x", "password = x" },
    { "=x&password=y", "=x&password=y" },
    { "<xml><password>x</password></xml>", "<xml><password>x</password></xml>" },
    /* JSON that does not check is not read. */
    { "{\"password\": \"x\"", "{\"password\": \"x\"" },
    { "hello", "hello" },
    { "", "" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

#undef M

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/names", test_secret_names);
  g_test_add_func ("/secret/mask", test_secret_mask);
  g_test_add_func ("/secret/mask-url", test_secret_mask_url);
  g_test_add_func ("/secret/json-body", test_json_body);
  g_test_add_func ("/secret/json-body-placeholders", test_json_body_placeholders);
  g_test_add_func ("/secret/json-body-deep", test_json_body_deep);
  g_test_add_func ("/secret/other-bodies", test_other_bodies);

  return g_test_run ();
}
