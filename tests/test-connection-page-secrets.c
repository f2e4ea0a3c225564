/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-page-secrets"

#include "config.h"

#include <string.h>

#include "pb-export.h"
#include "pb-test-ui.h"
#include "test-connection-page-fixture.h"

/* The secrets of the connection page: one masking rule for every row, one switch to reveal them
 * all, and Copy copies what is shown. */

/* A connection with a secret of every kind the page shows. */
static const char basic_connection[] =
  "{\"name\": \"Every Secret\","
  " \"auth\": {\"authType\": \"BASIC\", \"username\": \"ada\", \"password\": \"pa55-basic\"},"
  " \"request\": {\"requestType\": \"POST\","
  "   \"connectionUrl\": \"https://api.example/v1?api_key=url-k3y&token=url-t0k&page=2\","
  "   \"requestBody\": \"{\\\"user\\\": \\\"ada\\\", \\\"pwd\\\": \\\"body-pwd\\\","
  " \\\"count\\\": ${count}}\"},"
  " \"customHeaders\": [{\"name\": \"Authorization\", \"value\": \"Basic YWRhOmJhc2ljLXNlY3JldA==\"},"
  "                     {\"name\": \"Ocp-Apim-Subscription-Key\", \"value\": \"sub-k3y\"},"
  "                     {\"name\": \"X-Key\", \"value\": \"x-k3y\"},"
  "                     {\"name\": \"Accept\", \"value\": \"application/json\"}],"
  " \"urlParameters\": [{\"name\": \"api_key\", \"value\": \"param-k3y\"},"
  "                     {\"name\": \"sig\", \"value\": \"param-s1g\"},"
  "                     {\"name\": \"lang\", \"value\": \"en-GB\"}],"
  " \"inputMappings\": [{\"label\": \"API key\", \"key\": \"apiKey\", \"type\": \"string\","
  "                      \"exampleValue\": \"map-k3y\", \"mapping\": \"guest.ref\"},"
  "                     {\"label\": \"City\", \"key\": \"city\", \"type\": \"string\","
  "                      \"exampleValue\": \"Lisbon\", \"mapping\": \"guest.city\"}],"
  " \"exampleValue\": \"{\\\"apiKey\\\": \\\"example-k3y\\\", \\\"city\\\": \\\"Porto\\\"}\"}";

static const char * const basic_secrets[] = {
  "pa55-basic", "url-k3y", "url-t0k", "YWRhOmJhc2ljLXNlY3JldA==", "sub-k3y", "x-k3y",
  "param-k3y", "param-s1g", "body-pwd", "map-k3y", "example-k3y",
};

static const char oauth_connection[] =
  "{\"name\": \"OAuth Secrets\","
  " \"auth\": {\"authType\": \"OAUTH\", \"clientId\": \"client-1\","
  "            \"clientSecret\": \"client-s3cret\","
  "            \"accessTokenUrl\": \"https://auth.example/token?sig=token-s1g&tenant=t1\","
  "            \"oauthCustomHeaders\": [{\"name\": \"X-Key\", \"value\": \"oauth-k3y\"}],"
  "            \"formUrlEncodedItems\": [{\"name\": \"pwd\", \"value\": \"form-pwd\"},"
  "              {\"name\": \"grant_type\", \"value\": \"client_credentials\"}]}}";

static const char * const oauth_secrets[] = {
  "client-s3cret", "token-s1g", "oauth-k3y", "form-pwd",
};

/* Whether a label (as pb_test_shows_text() reads them), text view or tooltip of the page holds
 * `text`. */
static gboolean
page_shows (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GPtrArray) texts = page_texts (fixture, TRUE);

  return pb_test_shows_text (GTK_WIDGET (fixture->page), text, FALSE)
         || texts_contain (texts, text);
}

static void
assert_masked (Fixture            *fixture,
               const char * const *secrets,
               guint               n_secrets)
{
  for (guint i = 0; i < n_secrets; i++)
    if (page_shows (fixture, secrets[i]))
      g_error ("The page shows the secret “%s” with Include Secrets off", secrets[i]);
  g_assert_true (page_shows (fixture, PB_SECRET_MASK));
}

static void
assert_revealed (Fixture            *fixture,
                 const char * const *secrets,
                 guint               n_secrets)
{
  for (guint i = 0; i < n_secrets; i++)
    if (!page_shows (fixture, secrets[i]))
      g_error ("The page does not show the secret “%s” with Include Secrets on", secrets[i]);
}

/* The exact text a row shows, joined: title and value. */
static gboolean
row_shows (Fixture    *fixture,
           const char *title,
           const char *value)
{
  g_autoptr(GPtrArray) texts = row_texts (fixture, title);

  return texts_have (texts, value);
}

static void
test_every_row_masked (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture_show_text (fixture, basic_connection);
  g_assert_false (pb_connection_page_get_reveal_secrets (fixture->page));
  assert_masked (fixture, basic_secrets, G_N_ELEMENTS (basic_secrets));

  /* Each row masked by the one rule, the rest as it is. */
  g_assert_true (row_shows (fixture, "Authorization", "Basic " PB_SECRET_MASK));
  g_assert_true (row_shows (fixture, "Ocp-Apim-Subscription-Key", PB_SECRET_MASK));
  g_assert_true (row_shows (fixture, "X-Key", PB_SECRET_MASK));
  g_assert_true (row_shows (fixture, "Accept", "application/json"));
  g_assert_true (row_shows (fixture, "api_key", PB_SECRET_MASK));
  g_assert_true (row_shows (fixture, "lang", "en-GB"));
  g_assert_true (row_shows (fixture, "password", PB_SECRET_MASK));
  g_assert_true (row_shows (fixture, "username", "ada"));
  /* The body: its secret-looking members, also beside a ${placeholder}. */
  {
    g_autoptr(GPtrArray) body = row_texts (fixture, "Body");

    g_assert_true (texts_contain (body, "\"user\": \"ada\""));
    g_assert_true (texts_contain (body, "${count}"));
    g_assert_true (texts_contain (body, PB_SECRET_MASK));
  }
  {
    g_autofree char *masked_url = pb_secret_mask_url ("https://api.example/v1?api_key=url-k3y"
                                                      "&token=url-t0k&page=2");

    g_assert_true (row_shows (fixture, "URL", masked_url));
  }

  /* The example values: of a secret-looking key, in the mapping table and the example. */
  g_assert_true (page_shows (fixture, "Lisbon"));
  g_assert_true (page_shows (fixture, "Porto"));

  /* A type Plugboard does not know: its members, and nothing of OAuth. */
  g_assert_true (row_shows (fixture, "Type", "BASIC"));
  g_assert_false (page_shows (fixture, "Client ID"));
  g_assert_false (page_shows (fixture, "Access Token URL"));
  g_assert_false (page_shows (fixture, "No form items"));

  /* One switch shows every secret exactly as received. */
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  assert_revealed (fixture, basic_secrets, G_N_ELEMENTS (basic_secrets));
  g_assert_true (row_shows (fixture, "Authorization", "Basic YWRhOmJhc2ljLXNlY3JldA=="));
  g_assert_true (row_shows (fixture, "password", "pa55-basic"));
  g_assert_true (row_shows (fixture, "URL",
                            "https://api.example/v1?api_key=url-k3y&token=url-t0k&page=2"));

  pb_connection_page_set_reveal_secrets (fixture->page, FALSE);
  assert_masked (fixture, basic_secrets, G_N_ELEMENTS (basic_secrets));

  /* OAuth: the OAuth rows, and the members of auth they do not show (clientSecret). */
  fixture_show_text (fixture, oauth_connection);
  assert_masked (fixture, oauth_secrets, G_N_ELEMENTS (oauth_secrets));
  g_assert_true (row_shows (fixture, "Client ID", "client-1"));
  g_assert_true (row_shows (fixture, "clientSecret", PB_SECRET_MASK));
  g_assert_true (row_shows (fixture, "grant_type", "client_credentials"));
  g_assert_true (page_shows (fixture, "tenant=t1"));
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  assert_revealed (fixture, oauth_secrets, G_N_ELEMENTS (oauth_secrets));
}

/* The reveal switch of the page and the window's "include-secrets" are one. */
static void
test_window_switch (Fixture       *fixture,
                    gconstpointer  data)
{
  GActionGroup *group = G_ACTION_GROUP (fixture->window);
  g_autoptr(GVariant) state = NULL;

  fixture_show_text (fixture, basic_connection);

  g_action_group_change_action_state (group, "include-secrets", g_variant_new_boolean (TRUE));
  g_assert_true (pb_connection_page_get_reveal_secrets (fixture->page));
  assert_revealed (fixture, basic_secrets, G_N_ELEMENTS (basic_secrets));

  pb_connection_page_set_reveal_secrets (fixture->page, FALSE);
  state = g_action_group_get_action_state (group, "include-secrets");
  g_assert_false (g_variant_get_boolean (state));
  assert_masked (fixture, basic_secrets, G_N_ELEMENTS (basic_secrets));

  /* Another connection starts hidden, and so do copies and exports. */
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  fixture_show_text (fixture, oauth_connection);
  g_assert_false (pb_connection_page_get_reveal_secrets (fixture->page));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (group, "include-secrets");
  g_assert_false (g_variant_get_boolean (state));
}

/* Copy copies what is shown: the JSON and its Copy masked unless revealed. */
static void
test_copy_what_is_shown (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *masked = NULL;
  g_autofree char *clear = NULL;
  g_autofree char *copied = NULL;

  fixture_show_text (fixture, basic_connection);
  masked = pb_export_connection (fixture->connection, FALSE, NULL);
  clear = pb_export_connection (fixture->connection, TRUE, NULL);
  g_assert_cmpstr (masked, !=, clear);

  g_assert_true (row_shows (fixture, "JSON", masked));
  pb_test_click (find_button (fixture, "page.copy-json"));
  copied = read_clipboard (fixture);
  g_assert_cmpstr (copied, ==, masked);
  g_clear_pointer (&copied, g_free);
  click_copy_of_row (fixture, "URL");
  copied = read_clipboard (fixture);
  g_assert_null (strstr (copied, "url-k3y"));
  g_assert_nonnull (strstr (copied, "page=2"));
  g_clear_pointer (&copied, g_free);

  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  g_assert_true (row_shows (fixture, "JSON", clear));
  pb_test_click (find_button (fixture, "page.copy-json"));
  copied = read_clipboard (fixture);
  g_assert_cmpstr (copied, ==, clear);
  g_clear_pointer (&copied, g_free);
  click_copy_of_row (fixture, "URL");
  copied = read_clipboard (fixture);
  g_assert_cmpstr (copied, ==, "https://api.example/v1?api_key=url-k3y&token=url-t0k&page=2");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  fixture_add_test ("/connection-page-secrets/every-row-masked", test_every_row_masked);
  fixture_add_test ("/connection-page-secrets/window-switch", test_window_switch);
  fixture_add_test ("/connection-page-secrets/copy-what-is-shown", test_copy_what_is_shown);

  return g_test_run ();
}
