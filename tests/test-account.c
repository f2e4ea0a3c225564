/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "test-account-util.h"

/* Accounts: addresses and regions, and the object. */

/* Addresses */

static void
test_url_check (void)
{
  const char *good[] = {
    "https://api-engage-eu.sitecorecloud.io",
    "https://api-engage-eu.sitecorecloud.io/",
    "  https://api.boxever.com  ",
    "https://example.com:8443/base",
    "http://127.0.0.1:8080",
    "http://127.10.20.30",
    "http://localhost:3000/",
    "http://LOCALHOST",
    "http://[::1]:8080",
  };
  struct {
    const char *url;
    const char *expected;
  } bad[] = {
    { "", "Enter a web address" },
    { "   ", "Enter a web address" },
    { "api-engage-eu.sitecorecloud.io", "not a web address" },
    { "ftp://example.com", "not a web address" },
    { "https://", "not a web address" },
    { "http://api-engage-eu.sitecorecloud.io", "must start with https://" },
    { "http://128.0.0.1", "must start with https://" },
    { "http://localhost.example.com", "must start with https://" },
    { "http://[::2]", "must start with https://" },
    { "https://user:pw@example.com", "user name or password" },
    { "https://example.com/?a=b", "“?” or “#”" },
    { "https://example.com/#top", "“?” or “#”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (pb_account_check_url (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad: %s", bad[i].url);
      g_assert_false (pb_account_check_url (bad[i].url, &error));
      g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL);
      g_assert_nonnull (strstr (error->message, bad[i].expected));
    }

  g_assert_false (pb_account_check_url (NULL, NULL));
  g_assert_true (pb_account_url_is_loopback ("http://127.0.0.1:1/"));
  g_assert_true (pb_account_url_is_loopback ("http://[::1]/"));
  g_assert_false (pb_account_url_is_loopback ("https://api-engage-eu.sitecorecloud.io"));
  g_assert_false (pb_account_url_is_loopback ("nonsense"));
}

static void
test_url_normalize_and_regions (void)
{
  g_autofree char *a = pb_account_normalize_url ("  https://example.com/base//  ");
  g_autofree char *b = pb_account_normalize_url (NULL);

  g_assert_cmpstr (a, ==, "https://example.com/base");
  g_assert_cmpstr (b, ==, "");

  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_EUROPE), ==,
                   "https://api-engage-eu.sitecorecloud.io");
  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_UNITED_STATES), ==,
                   "https://api-engage-us.sitecorecloud.io");
  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_ASIA_PACIFIC), ==,
                   "https://api-engage-ap.sitecorecloud.io");
  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_JAPAN), ==,
                   "https://api-engage-jpe.sitecorecloud.io");
  g_assert_null (pb_region_get_base_url (PB_REGION_CUSTOM));

  g_assert_cmpint (pb_region_for_base_url ("https://api-engage-jpe.sitecorecloud.io/"), ==,
                   PB_REGION_JAPAN);
  g_assert_cmpint (pb_region_for_base_url ("https://api-engage-ap.sitecorecloud.io"), ==,
                   PB_REGION_ASIA_PACIFIC);
  g_assert_cmpint (pb_region_for_base_url ("https://api.boxever.com"), ==, PB_REGION_CUSTOM);
  g_assert_cmpint (pb_region_for_base_url (NULL), ==, PB_REGION_CUSTOM);
}

/* The account object */

static void
test_account_properties (void)
{
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(PbAccount) other = pb_account_new ();
  g_autoptr(PbAccount) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint host_notified = 0;
  guint name_notified = 0;
  guint secret_notified = 0;

  g_assert_nonnull (pb_account_get_id (account));
  g_assert_cmpstr (pb_account_get_id (account), !=, pb_account_get_id (other));
  g_assert_cmpstr (pb_account_get_base_url (account), ==,
                   "https://api-engage-eu.sitecorecloud.io");
  g_assert_cmpstr (pb_account_get_host (account), ==, "api-engage-eu.sitecorecloud.io");
  g_assert_cmpstr (pb_account_get_name (account), ==, "api-engage-eu.sitecorecloud.io");
  g_assert_cmpint (pb_account_get_sign_in (account), ==, PB_SIGN_IN_API_KEY);
  g_assert_cmpstr (pb_account_get_token_endpoint (account), ==,
                   "https://auth.sitecorecloud.io/oauth/token");
  g_assert_cmpstr (pb_account_get_audience (account), ==, "https://api.sitecorecloud.io");
  g_assert_false (pb_account_get_has_secret (account));
  g_assert_false (pb_account_get_saved (account));

  g_signal_connect (account, "notify::host", G_CALLBACK (count_notify), &host_notified);
  g_signal_connect (account, "notify::name", G_CALLBACK (count_notify), &name_notified);
  g_signal_connect (account, "notify::has-secret", G_CALLBACK (count_notify),
                    &secret_notified);

  pb_account_set_base_url (account, "http://127.0.0.1:8080/");
  g_assert_cmpstr (pb_account_get_base_url (account), ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (pb_account_get_host (account), ==, "127.0.0.1:8080");
  g_assert_cmpstr (pb_account_get_name (account), ==, "127.0.0.1:8080");
  g_assert_cmpuint (host_notified, ==, 1);
  g_assert_cmpuint (name_notified, ==, 1);
  pb_account_set_base_url (account, "http://127.0.0.1:8080");
  g_assert_cmpuint (host_notified, ==, 1);

  pb_account_set_name (account, "  Test tenant ");
  g_assert_cmpstr (pb_account_get_name (account), ==, "Test tenant");
  g_assert_cmpuint (name_notified, ==, 2);
  pb_account_set_base_url (account, "http://[::1]:9000");
  g_assert_cmpstr (pb_account_get_host (account), ==, "[::1]:9000");
  g_assert_cmpstr (pb_account_get_name (account), ==, "Test tenant");
  g_assert_cmpuint (name_notified, ==, 2);

  /* Empty advanced fields fall back to the defaults. */
  pb_account_set_token_endpoint (account, "  ");
  g_assert_cmpstr (pb_account_get_token_endpoint (account), ==,
                   PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT);
  pb_account_set_audience (account, NULL);
  g_assert_cmpstr (pb_account_get_audience (account), ==, PB_ACCOUNT_DEFAULT_AUDIENCE);

  /* What is missing, in the order a person fills the form in. */
  g_assert_false (pb_account_validate (account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, "Enter the client ID of the API key.");
  g_clear_error (&error);

  pb_account_set_client_id (account, " client ");
  g_assert_cmpstr (pb_account_get_client_id (account), ==, "client");
  g_assert_false (pb_account_validate (account, &error));
  g_assert_cmpstr (error->message, ==, "Enter the client secret of the API key.");
  g_clear_error (&error);

  pb_account_set_secret (account, "s3cret-for-properties");
  g_assert_true (pb_account_get_has_secret (account));
  g_assert_cmpuint (secret_notified, ==, 1);
  g_assert_true (pb_account_validate (account, &error));
  g_assert_no_error (error);

  pb_account_set_token_endpoint (account, "http://auth.example.com/token");
  g_assert_false (pb_account_validate (account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL);
  g_assert_true (g_str_has_prefix (error->message, "The token endpoint cannot be used."));
  g_clear_error (&error);
  pb_account_set_token_endpoint (account, NULL);

  pb_account_set_base_url (account, "http://example.com");
  g_assert_false (pb_account_validate (account, &error));
  g_assert_true (g_str_has_prefix (error->message, "The base URL cannot be used."));
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  pb_account_set_base_url (account, "https://example.com");

  /* A pasted token needs no client ID or token endpoint. */
  pb_account_set_secret (account, NULL);
  g_assert_false (pb_account_get_has_secret (account));
  g_assert_cmpuint (secret_notified, ==, 2);
  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  g_assert_false (pb_account_validate (account, &error));
  g_assert_cmpstr (error->message, ==, "Paste an access token.");
  g_clear_error (&error);

  pb_account_set_secret (account, "pasted-token");
  copy = pb_account_copy (account);
  g_assert_cmpstr (pb_account_get_id (copy), ==, pb_account_get_id (account));
  g_assert_cmpstr (pb_account_get_name (copy), ==, "Test tenant");
  g_assert_cmpstr (pb_account_get_base_url (copy), ==, "https://example.com");
  g_assert_cmpint (pb_account_get_sign_in (copy), ==, PB_SIGN_IN_ACCESS_TOKEN);
  g_assert_cmpstr (pb_account_get_client_id (copy), ==, "client");
  g_assert_true (pb_account_get_has_secret (copy));
  g_assert_cmpstr (_pb_account_peek_secret (copy), ==, "pasted-token");

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&account));
}

/* Not a production tenant unless said so; the flag notifies once per change and travels
 * with a copy. */
static void
test_account_production (void)
{
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(PbAccount) copy = NULL;
  g_autoptr(PbAccount) back = pb_account_new ();
  guint notified = 0;
  gboolean value = FALSE;

  g_assert_false (pb_account_get_production (account));
  g_signal_connect (account, "notify::production", G_CALLBACK (count_notify), &notified);

  pb_account_set_production (account, TRUE);
  g_assert_true (pb_account_get_production (account));
  g_assert_cmpuint (notified, ==, 1);
  pb_account_set_production (account, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (account, "production", &value, NULL);
  g_assert_true (value);

  copy = pb_account_copy (account);
  g_assert_true (pb_account_get_production (copy));
  pb_account_set_production (copy, FALSE);
  g_assert_true (pb_account_get_production (account));

  /* What a save copies back into the account of the store. */
  g_object_set (back, "production", TRUE, NULL);
  g_assert_true (pb_account_get_production (back));
  pb_account_set_production (account, FALSE);
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  self_path = g_canonicalize_filename (argv[0], NULL);

  test_account_init (&argc, &argv);

  g_test_add_func ("/account/url/check", test_url_check);
  g_test_add_func ("/account/url/normalize-and-regions", test_url_normalize_and_regions);
  g_test_add_func ("/account/properties", test_account_properties);
  g_test_add_func ("/account/production", test_account_production);

  return g_test_run ();
}
