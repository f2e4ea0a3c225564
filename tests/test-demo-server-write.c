/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo-server"

#include "config.h"

#include <string.h>

#include "pb-test-http.h"
#include "pb-test-util.h"

/* The demo server's writes as a client sees them: the fields the server owns, archiving, and
 * the test hooks (a colleague's change, a write that fails or drops). */

static JsonObject *
first_connection (PbTestDemo *f,
                  GPtrArray  *all)
{
  g_assert_cmpuint (all->len, >, 0);
  return g_ptr_array_index (all, 0);
}

static char *
path_of (JsonObject *object)
{
  return g_strconcat ("/v2/connections/", pb_test_json_string (object, "ref"), NULL);
}

static JsonObject *
get (PbTestDemo    *f,
     const char    *path,
     PbTestAnswer **answer)
{
  *answer = pb_test_demo_request (f, "GET", path, NULL);
  g_assert_cmpuint ((*answer)->status, ==, 200);
  return pb_test_answer_object (*answer);
}

/* Whether `text` is modifiedAt as the API writes it: 2026-12-05T18:00:00.123Z. */
static gboolean
is_api_time (const char *text)
{
  return g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$", text, 0, 0);
}

/* What the server owns is never taken from a body. */
static void
test_server_fields (PbTestDemo    *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) all = pb_test_demo_fetch_all (f);
  JsonObject *object = first_connection (f, all);
  g_autofree char *path = path_of (object);
  g_autofree char *ref = g_strdup (pb_test_json_string (object, "ref"));
  g_autofree char *client_key = g_strdup (pb_test_json_string (object, "clientKey"));
  g_autofree char *href = g_strdup (pb_test_json_string (object, "href"));
  gint64 revision = pb_test_json_int (object, "revision");
  g_autofree char *body = NULL;
  g_autoptr(PbTestAnswer) answer = NULL;
  g_autoptr(PbTestAnswer) created = NULL;
  JsonObject *stored;

  json_object_set_string_member (object, "ref", "not-the-ref");
  json_object_set_string_member (object, "href", "https://evil.example.com/x");
  json_object_set_string_member (object, "clientKey", "not-the-key");
  json_object_set_int_member (object, "revision", 999);
  json_object_set_string_member (object, "modifiedAt", "1999-01-01T00:00:00.000Z");
  json_object_set_string_member (object, "modifiedByRef", "someone-else");
  json_object_set_string_member (object, "unknownMember", "kept");
  body = pb_test_json_to_string (object);

  answer = pb_test_demo_request (f, "PUT", path, body);
  g_assert_cmpuint (answer->status, ==, 201);
  stored = pb_test_answer_object (answer);
  g_assert_cmpstr (pb_test_json_string (stored, "ref"), ==, ref);
  g_assert_cmpstr (pb_test_json_string (stored, "href"), ==, href);
  g_assert_cmpstr (pb_test_json_string (stored, "clientKey"), ==, client_key);
  g_assert_cmpint (pb_test_json_int (stored, "revision"), ==, revision + 1);
  g_assert_cmpstr (pb_test_json_string (stored, "modifiedAt"), !=, "1999-01-01T00:00:00.000Z");
  g_assert_true (is_api_time (pb_test_json_string (stored, "modifiedAt")));
  g_assert_cmpstr (pb_test_json_string (stored, "modifiedByRef"), !=, "someone-else");
  g_assert_cmpstr (pb_test_json_string (stored, "unknownMember"), ==, "kept");

  /* A create: a new ref and the server's key, whatever the body says. */
  created = pb_test_demo_request (f, "POST", "/v2/connections", body);
  g_assert_cmpuint (created->status, ==, 201);
  stored = pb_test_answer_object (created);
  g_assert_true (g_uuid_string_is_valid (pb_test_json_string (stored, "ref")));
  g_assert_cmpstr (pb_test_json_string (stored, "ref"), !=, ref);
  g_assert_cmpstr (pb_test_json_string (stored, "clientKey"), !=, "not-the-key");
  g_assert_cmpint (pb_test_json_int (stored, "revision"), ==, 1);
  g_assert_true (is_api_time (pb_test_json_string (stored, "modifiedAt")));
  g_assert_cmpstr (pb_test_json_string (stored, "unknownMember"), ==, "kept");
}

/* Archiving is a PUT of the whole object with "archived": true. */
static void
test_archive (PbTestDemo    *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) all = pb_test_demo_fetch_all (f);
  JsonObject *object = first_connection (f, all);
  g_autofree char *path = path_of (object);
  g_autofree char *body = NULL;
  g_autoptr(PbTestAnswer) answer = NULL;
  g_autoptr(PbTestAnswer) again = NULL;

  json_object_set_boolean_member (object, "archived", TRUE);
  body = pb_test_json_to_string (object);
  answer = pb_test_demo_request (f, "PUT", path, body);
  g_assert_cmpuint (answer->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (get (f, path, &again), "archived"));
}

static void
test_simulate_change (PbTestDemo    *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = pb_test_demo_fetch_all (f);
  JsonObject *object = first_connection (f, all);
  g_autofree char *path = path_of (object);
  g_autoptr(PbTestAnswer) answer = NULL;
  JsonObject *changed;

  g_assert_true (pb_demo_server_simulate_change (f->server, pb_test_json_string (object, "ref")));
  changed = get (f, path, &answer);
  g_assert_cmpint (pb_test_json_int (changed, "revision"), ==,
                   pb_test_json_int (object, "revision") + 1);
  g_assert_cmpstr (pb_test_json_string (changed, "modifiedAt"), !=,
                   pb_test_json_string (object, "modifiedAt"));
  g_assert_true (is_api_time (pb_test_json_string (changed, "modifiedAt")));
  g_assert_nonnull (strstr (pb_test_json_string (changed, "description"), "colleague"));
  g_assert_cmpstr (pb_test_json_string (changed, "name"), ==,
                   pb_test_json_string (object, "name"));
  g_assert_cmpuint (pb_demo_server_get_n_writes (f->server), ==, 0);

  g_assert_false (pb_demo_server_simulate_change (f->server, "no-such-ref"));
}

static void
test_fail_next_write (PbTestDemo    *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = pb_test_demo_fetch_all (f);
  JsonObject *object = first_connection (f, all);
  g_autofree char *path = path_of (object);
  gint64 revision = pb_test_json_int (object, "revision");
  g_autofree char *body = NULL;
  guint n = pb_demo_server_get_n_connections (f->server);

  json_object_set_string_member (object, "name", "Changed");
  body = pb_test_json_to_string (object);

  /* A status, once: reads are not touched, the next write works. */
  pb_demo_server_fail_next_write (f->server, PB_DEMO_WRITE_FAIL_STATUS, 409);
  {
    g_autoptr(PbTestAnswer) read = NULL;
    g_autoptr(PbTestAnswer) refused = NULL;
    g_autoptr(PbTestAnswer) again = NULL;

    get (f, path, &read);
    refused = pb_test_demo_request (f, "PUT", path, body);
    pb_test_assert_api_error (refused, 409);
    g_assert_cmpint (pb_test_json_int (get (f, path, &again), "revision"), ==, revision);
  }

  /* Dropped, nothing stored. */
  pb_demo_server_fail_next_write (f->server, PB_DEMO_WRITE_DROP, 0);
  {
    g_autoptr(PbTestAnswer) again = NULL;

    pb_test_demo_request_dropped (f, "PUT", path, body);
    g_assert_cmpint (pb_test_json_int (get (f, path, &again), "revision"), ==, revision);
  }

  /* Dropped once stored. */
  pb_demo_server_fail_next_write (f->server, PB_DEMO_WRITE_DROP_AFTER_STORING, 0);
  {
    g_autoptr(PbTestAnswer) again = NULL;
    JsonObject *stored;

    pb_test_demo_request_dropped (f, "PUT", path, body);
    stored = get (f, path, &again);
    g_assert_cmpint (pb_test_json_int (stored, "revision"), ==, revision + 1);
    g_assert_cmpstr (pb_test_json_string (stored, "name"), ==, "Changed");
  }

  /* Dropped, and a colleague's change instead. */
  pb_demo_server_fail_next_write (f->server, PB_DEMO_WRITE_DROP_AFTER_CHANGE, 0);
  {
    g_autoptr(PbTestAnswer) again = NULL;
    JsonObject *stored;

    pb_test_demo_request_dropped (f, "PUT", path, body);
    stored = get (f, path, &again);
    g_assert_cmpint (pb_test_json_int (stored, "revision"), ==, revision + 2);
    g_assert_nonnull (strstr (pb_test_json_string (stored, "description"), "colleague"));
  }

  /* A create, dropped once stored: there is one more. */
  pb_demo_server_fail_next_write (f->server, PB_DEMO_WRITE_DROP_AFTER_STORING, 0);
  {
    pb_test_demo_request_dropped (f, "POST", "/v2/connections", body);
    g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, n + 1);
  }

  /* testConnection is not a write. */
  g_assert_cmpuint (pb_demo_server_get_n_writes (f->server), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  PB_TEST_DEMO_ADD ("/demo-server-write/server-fields", test_server_fields);
  PB_TEST_DEMO_ADD ("/demo-server-write/archive", test_archive);
  PB_TEST_DEMO_ADD ("/demo-server-write/simulate-change", test_simulate_change);
  PB_TEST_DEMO_ADD ("/demo-server-write/fail-next-write", test_fail_next_write);

  return g_test_run ();
}
