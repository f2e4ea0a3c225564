/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo-server"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-demo-server.h"
#include "pb-test-util.h"

#define TOKEN "test-token-0123456789"

/* An answer of the server, read with a plain SoupSession. */
typedef struct
{
  guint      status;
  char      *content_type;
  char      *allow;
  GBytes    *body;
  JsonNode  *root;     /* when the body is JSON */
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  g_free (answer->allow);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

typedef struct
{
  GBytes   *body;
  GError   *error;
  gboolean  done;
} SendData;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;

  data->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &data->error);
  data->done = TRUE;
}

static GBytes *
send_message (SoupSession  *session,
              SoupMessage  *msg,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  SendData data = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, &data);
  while (!data.done)
    g_main_context_iteration (context, TRUE);

  if (data.error != NULL)
    g_propagate_error (error, data.error);
  return data.body;
}

/* Sends a request; token NULL sends no Authorization header, content_type NULL none. */
static Answer *
request_full (SoupSession *session,
              const char  *method,
              const char  *url,
              const char  *token,
              const char  *content_type,
              const char  *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Answer *answer = g_new0 (Answer, 1);
  SoupMessageHeaders *headers;
  gsize length;
  const char *data;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
      if (content_type == NULL)
        soup_message_headers_remove (headers, "Content-Type");
    }

  answer->body = send_message (session, msg, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (msg);
  answer->content_type =
    g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                     NULL));
  answer->allow = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                          "Allow"));

  data = g_bytes_get_data (answer->body, &length);
  if (length > 0 && json_parser_load_from_data (parser, data, length, NULL))
    answer->root = json_node_ref (json_parser_get_root (parser));

  return answer;
}

/* A started demo server with a session to talk to it. */
typedef struct
{
  PbDemoServer *server;
  SoupSession  *session;
  const char   *base;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->server = pb_demo_server_new ();
  pb_demo_server_set_token (f->server, TOKEN);
  g_assert_true (pb_demo_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  f->base = pb_demo_server_get_base_url (f->server);
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *f)
{
  /* The client hangs up first, as it would in real life. */
  soup_session_abort (f->session);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->server);
}

static Answer *
fixture_request (Fixture    *f,
                 const char *method,
                 const char *path,
                 const char *body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);

  return request_full (f->session, method, url, TOKEN, body ? "application/json" : NULL, body);
}

static JsonObject *
answer_object (Answer *answer)
{
  g_assert_nonnull (answer->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer->root));
  return json_node_get_object (answer->root);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

static JsonArray *
page_items (Answer *answer)
{
  JsonNode *items;

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  items = json_object_get_member (answer_object (answer), "items");
  g_assert_nonnull (items);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (items));
  return json_node_get_array (items);
}

/* Checks the API's error body: every field there, for people and developers. */
static void
assert_error_body (Answer *answer,
                   guint   status)
{
  JsonObject *object;

  g_assert_cmpuint (answer->status, ==, status);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  object = answer_object (answer);
  g_assert_cmpint (int_member (object, "status"), ==, status);
  int_member (object, "code");
  g_assert_cmpstr (string_member (object, "message"), !=, "");
  g_assert_cmpstr (string_member (object, "developerMessage"), !=, "");
  g_assert_true (g_str_has_prefix (string_member (object, "moreInfo"), "https://"));
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Fetches every connection with pages of 100, as the app does. */
static GPtrArray *
fetch_all (Fixture *f)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint offset = 0;; offset += 100)
    {
      g_autofree char *path = g_strdup_printf ("/v2/connections?limit=100&offset=%u", offset);
      g_autoptr(Answer) answer = fixture_request (f, "GET", path, NULL);
      JsonArray *items = page_items (answer);
      guint n = json_array_get_length (items);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (items, i);

          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          g_ptr_array_add (all, json_object_ref (json_node_get_object (node)));
        }

      if (n < 100)
        break;
    }

  return all;
}

static void
test_builtin_data (void)
{
  Fixture f;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint archived = 0;

  fixture_set_up (&f);
  g_assert_true (g_str_has_prefix (f.base, "http://127.0.0.1:"));
  g_assert_cmpuint (pb_demo_server_get_port (f.server), >, 0);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);

  all = fetch_all (&f);
  g_assert_cmpuint (all->len, ==, 24);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *object = g_ptr_array_index (all, i);
      const char *ref = string_member (object, "ref");
      g_autofree char *href = g_strconcat (f.base, "/v2/connections/", ref, NULL);
      JsonObject *auth = json_object_get_object_member (object, "auth");
      JsonObject *request = json_object_get_object_member (object, "request");

      g_assert_true (g_uuid_string_is_valid (ref));
      g_assert_false (g_hash_table_contains (refs, ref));
      g_hash_table_add (refs, (char *) ref);
      g_assert_cmpstr (string_member (object, "href"), ==, href);
      g_assert_cmpstr (string_member (object, "name"), !=, "");
      g_assert_nonnull (auth);
      g_assert_nonnull (request);
      if (json_object_get_boolean_member (object, "archived"))
        archived++;

      g_hash_table_add (seen, (char *) string_member (object, "systemType"));
      g_hash_table_add (seen, (char *) string_member (auth, "authType"));
      g_hash_table_add (seen, (char *) string_member (request, "requestType"));
      if (json_object_has_member (object, "modifiedByUserRef"))
        g_hash_table_add (seen, "modifiedByUserRef");
      if (!g_str_is_ascii (string_member (object, "name")))
        g_hash_table_add (seen, "non-Latin name");
    }

  g_assert_cmpuint (archived, ==, 4);
  for (guint i = 0; i < 9; i++)
    {
      const char *wanted[] = { "DATA_SYSTEM", "DESTINATION", "NONE", "OAUTH", "GET", "POST",
                               "PUT", "modifiedByUserRef", "non-Latin name" };

      g_assert_true (g_hash_table_contains (seen, wanted[i]));
    }

  fixture_tear_down (&f);
}

static void
test_paging (void)
{
  Fixture f;
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint expected[] = { 10, 10, 4 };

  fixture_set_up (&f);

  /* Defaults: offset 0, limit 10, and the collection's href. */
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);
    g_autofree char *href = g_strconcat (f.base, "/v2/connections", NULL);
    JsonArray *items = page_items (answer);

    g_assert_cmpuint (json_array_get_length (items), ==, 10);
    g_assert_cmpint (int_member (answer_object (answer), "offset"), ==, 0);
    g_assert_cmpint (int_member (answer_object (answer), "limit"), ==, 10);
    g_assert_cmpstr (string_member (answer_object (answer), "href"), ==, href);
  }

  /* Three pages of at most 10 hold every connection once. */
  for (guint page = 0; page < 3; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v2/connections?limit=10&offset=%u", page * 10);
      g_autoptr(Answer) answer = fixture_request (&f, "GET", path, NULL);
      JsonArray *items = page_items (answer);

      g_assert_cmpuint (json_array_get_length (items), ==, expected[page]);
      g_assert_cmpint (int_member (answer_object (answer), "offset"), ==, page * 10);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          g_assert_true (g_hash_table_add (refs, g_strdup (string_member (item, "ref"))));
        }
    }
  g_assert_cmpuint (g_hash_table_size (refs), ==, 24);

  /* At most 100 a page, whatever is asked. */
  {
    g_autoptr(Answer) answer = NULL;

    pb_demo_server_generate (f.server, 250, 7);
    answer = fixture_request (&f, "GET", "/v2/connections?limit=500", NULL);
    g_assert_cmpuint (json_array_get_length (page_items (answer)), ==, 100);
    g_assert_cmpint (int_member (answer_object (answer), "limit"), ==, 100);
  }

  /* Past the end: an empty page. */
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET",
                                                "/v2/connections?offset=1000&limit=100", NULL);

    g_assert_cmpuint (json_array_get_length (page_items (answer)), ==, 0);
  }

  /* Nonsense parameters are a validation error. */
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections?offset=-3", NULL);
    g_autoptr(Answer) answer2 = fixture_request (&f, "GET", "/v2/connections?limit=ten", NULL);

    assert_error_body (answer, 400);
    assert_error_body (answer2, 400);
  }

  fixture_tear_down (&f);
}

static void
test_get_by_ref (void)
{
  Fixture f;
  g_autoptr(GPtrArray) all = NULL;

  fixture_set_up (&f);
  all = fetch_all (&f);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *listed = g_ptr_array_index (all, i);
      g_autofree char *path = g_strconcat ("/v2/connections/", string_member (listed, "ref"),
                                           NULL);
      g_autoptr(Answer) answer = fixture_request (&f, "GET", path, NULL);
      g_autofree char *listed_text = object_to_string (listed);
      g_autofree char *answer_text = NULL;

      g_assert_cmpuint (answer->status, ==, 200);
      g_assert_cmpstr (answer->content_type, ==, "application/json");
      answer_text = object_to_string (answer_object (answer));
      /* The same object, fields and key order alike. */
      g_assert_cmpstr (answer_text, ==, listed_text);
    }

  {
    g_autoptr(Answer) answer =
      fixture_request (&f, "GET", "/v2/connections/00000000-0000-4000-8000-000000000000", NULL);

    assert_error_body (answer, 404);
  }
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v1/somewhere/else", NULL);

    assert_error_body (answer, 404);
  }

  fixture_tear_down (&f);
}

static void
test_unauthorized (void)
{
  Fixture f;
  g_autofree char *url = NULL;

  fixture_set_up (&f);
  url = g_strconcat (f.base, "/v2/connections", NULL);

  {
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, NULL, NULL, NULL);

    assert_error_body (answer, 401);
  }
  {
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, "not-the-token", NULL, NULL);

    assert_error_body (answer, 401);
  }
  {
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, TOKEN "x", NULL, NULL);

    assert_error_body (answer, 401);
  }
  {
    g_autoptr(Answer) answer = request_full (f.session, "POST", url, "wrong", "application/json",
                                             "{\"name\":\"x\"}");

    assert_error_body (answer, 401);
    g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);
  }
  {
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, TOKEN, NULL, NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }

  /* A new token replaces the old one. */
  pb_demo_server_set_token (f.server, "another-token");
  g_assert_cmpstr (pb_demo_server_get_token (f.server), ==, "another-token");
  {
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, TOKEN, NULL, NULL);
    g_autoptr(Answer) answer2 = request_full (f.session, "GET", url, "another-token", NULL, NULL);

    assert_error_body (answer, 401);
    g_assert_cmpuint (answer2->status, ==, 200);
  }

  fixture_tear_down (&f);
}

static void
test_create (void)
{
  Fixture f;
  g_autofree char *body = pb_test_read_fixture ("create-connection-request.json");
  g_autofree char *url = NULL;
  g_autofree char *href = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(Answer) answer = NULL;
  JsonObject *created;
  JsonObject *request;
  const char *ref;

  fixture_set_up (&f);
  url = g_strconcat (f.base, "/v2/connections", NULL);

  answer = fixture_request (&f, "POST", "/v2/connections", body);
  g_assert_cmpuint (answer->status, ==, 201);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  created = answer_object (answer);

  ref = string_member (created, "ref");
  g_assert_true (g_uuid_string_is_valid (ref));
  href = g_strconcat (url, "/", ref, NULL);
  g_assert_cmpstr (string_member (created, "href"), ==, href);
  g_assert_cmpstr (string_member (created, "clientKey"), !=, "");
  g_assert_cmpstr (string_member (created, "name"), ==, "Connect to Data System");
  g_assert_cmpstr (string_member (created, "systemType"), ==, "DATA_SYSTEM");
  g_assert_cmpint (int_member (created, "revision"), ==, 1);
  g_assert_false (json_object_get_boolean_member (created, "archived"));
  request = json_object_get_object_member (created, "request");
  g_assert_cmpstr (string_member (request, "requestBody"), ==,
                   "{\"key\":\"${key}\",\"message\":\"${message}\"}");
  modified = g_date_time_new_from_iso8601 (string_member (created, "modifiedAt"), NULL);
  g_assert_nonnull (modified);
  g_assert_cmpint (g_date_time_difference (modified, before), >=, -1000);
  g_assert_true (g_str_has_suffix (string_member (created, "modifiedAt"), "Z"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (created, "inputMappings")));
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 25);

  /* It is stored: GET answers the same object. */
  {
    g_autofree char *path = g_strconcat ("/v2/connections/", ref, NULL);
    g_autoptr(Answer) again = fixture_request (&f, "GET", path, NULL);
    g_autofree char *a = object_to_string (created);
    g_autofree char *b = object_to_string (answer_object (again));

    g_assert_cmpstr (a, ==, b);
  }

  /* Unknown fields are kept as they came. */
  {
    g_autoptr(Answer) extra = fixture_request (&f, "POST", "/v2/connections",
                                               "{\"name\":\"N\",\"auth\":{\"authType\":\"NONE\"},"
                                               "\"request\":{\"requestType\":\"GET\","
                                               "\"connectionUrl\":\"https://example.com\"},"
                                               "\"systemType\":\"DATA_SYSTEM\","
                                               "\"ownerTeam\":{\"name\":\"Loyalty\"}}");
    JsonObject *team;

    g_assert_cmpuint (extra->status, ==, 201);
    team = json_object_get_object_member (answer_object (extra), "ownerTeam");
    g_assert_nonnull (team);
    g_assert_cmpstr (string_member (team, "name"), ==, "Loyalty");
  }

  /* Missing required fields: 400 naming them. */
  {
    g_autoptr(Answer) bad = fixture_request (&f, "POST", "/v2/connections",
                                             "{\"auth\":{\"authType\":\"NONE\"},"
                                             "\"request\":{},\"systemType\":\"DESTINATION\"}");

    assert_error_body (bad, 400);
    g_assert_nonnull (strstr (string_member (answer_object (bad), "message"), "name"));
  }
  {
    g_autoptr(Answer) bad = fixture_request (&f, "POST", "/v2/connections", "{\"name\":\"x\"}");
    const char *message;

    assert_error_body (bad, 400);
    message = string_member (answer_object (bad), "message");
    g_assert_nonnull (strstr (message, "auth"));
    g_assert_nonnull (strstr (message, "request"));
    g_assert_nonnull (strstr (message, "systemType"));
  }

  /* Not JSON, or not an object. */
  {
    const char *bodies[] = { "{", "[]", "null", "\"text\"", "{\"name\": }", "\xff\xfe{}" };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(Answer) bad = fixture_request (&f, "POST", "/v2/connections", bodies[i]);

        assert_error_body (bad, 400);
      }
  }

  /* A document nested absurdly deep is refused, not a crash. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(Answer) bad = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append (deep, "{\"a\":[");
    bad = fixture_request (&f, "POST", "/v2/connections", deep->str);

    assert_error_body (bad, 400);
  }

  /* No Content-Type, or the wrong one: 415. */
  {
    g_autoptr(Answer) bad = request_full (f.session, "POST", url, TOKEN, NULL, body);
    g_autoptr(Answer) bad2 = request_full (f.session, "POST", url, TOKEN, "text/plain", body);

    assert_error_body (bad, 415);
    assert_error_body (bad2, 415);
  }

  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 26);
  fixture_tear_down (&f);
}

static GList *
member_names (JsonObject *object)
{
  GList *names = json_object_get_members (object);

  return names;
}

static void
test_update (void)
{
  Fixture f;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(Answer) answer = NULL;
  g_autoptr(GList) sent_names = NULL;
  g_autoptr(GList) stored_names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *old_modified = NULL;
  JsonObject *object;
  JsonObject *updated;
  gint64 old_revision;
  GList *a, *b;

  fixture_set_up (&f);
  all = fetch_all (&f);

  /* The one with an unknown extra field. */
  object = NULL;
  for (guint i = 0; i < all->len; i++)
    if (json_object_has_member (g_ptr_array_index (all, i), "tags"))
      object = g_ptr_array_index (all, i);
  g_assert_nonnull (object);

  old_revision = int_member (object, "revision");
  old_modified = g_strdup (string_member (object, "modifiedAt"));
  path = g_strconcat ("/v2/connections/", string_member (object, "ref"), NULL);
  json_object_set_string_member (object, "name", "Renamed – Größe “test” 名前");
  body = object_to_string (object);

  answer = fixture_request (&f, "PUT", path, body);
  g_assert_cmpuint (answer->status, ==, 201);
  updated = answer_object (answer);
  g_assert_cmpstr (string_member (updated, "name"), ==, "Renamed – Größe “test” 名前");
  g_assert_cmpint (int_member (updated, "revision"), ==, old_revision + 1);
  g_assert_cmpstr (string_member (updated, "modifiedAt"), !=, old_modified);
  g_assert_cmpstr (string_member (updated, "ref"), ==, string_member (object, "ref"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (updated, "tags")));

  /* Every field kept, in the order sent. */
  sent_names = member_names (object);
  stored_names = member_names (updated);
  for (a = sent_names, b = stored_names; a && b; a = a->next, b = b->next)
    g_assert_cmpstr (a->data, ==, b->data);
  g_assert_null (a);
  g_assert_null (b);

  /* GET shows the change; the count did not change. */
  {
    g_autoptr(Answer) again = fixture_request (&f, "GET", path, NULL);

    g_assert_cmpstr (string_member (answer_object (again), "name"), ==,
                     "Renamed – Größe “test” 名前");
    g_assert_cmpint (int_member (answer_object (again), "revision"), ==, old_revision + 1);
  }
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);

  /* Again: the revision goes on rising. */
  {
    g_autoptr(Answer) again = fixture_request (&f, "PUT", path, body);

    g_assert_cmpint (int_member (answer_object (again), "revision"), ==, old_revision + 2);
  }

  {
    g_autoptr(Answer) unknown =
      fixture_request (&f, "PUT", "/v2/connections/00000000-0000-4000-8000-000000000000", body);

    assert_error_body (unknown, 404);
  }
  {
    g_autofree char *url = g_strconcat (f.base, path, NULL);
    g_autoptr(Answer) bad = request_full (f.session, "PUT", url, TOKEN, NULL, body);

    assert_error_body (bad, 415);
  }
  {
    g_autoptr(Answer) bad = fixture_request (&f, "PUT", path, "{\"name\":\"only a name\"}");

    assert_error_body (bad, 400);
  }

  fixture_tear_down (&f);
}

static void
test_test_connection (void)
{
  Fixture f;
  g_autofree char *body = pb_test_read_fixture ("test-connection-request.json");
  g_autoptr(Answer) answer = NULL;
  JsonObject *report;
  JsonObject *request;
  JsonObject *headers;

  fixture_set_up (&f);

  answer = fixture_request (&f, "POST", "/v2/connections/testConnection", body);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  report = answer_object (answer);
  g_assert_cmpint (int_member (report, "statusCode"), ==, 202);
  g_assert_cmpint (int_member (report, "executionTimeInMilliseconds"), >, 0);
  request = json_object_get_object_member (report, "request");
  g_assert_nonnull (request);
  headers = json_object_get_object_member (request, "headers");
  g_assert_nonnull (headers);
  g_assert_true (g_uuid_string_is_valid (string_member (headers, "X-Correlation-Id")));
  g_assert_cmpstr (string_member (headers, "X-Channel"), ==, "{sms}");
  g_assert_cmpstr (string_member (headers, "Content-Type"), ==, "application/json");
  /* The placeholders were filled with the example values. */
  g_assert_nonnull (strstr (string_member (request, "body"), "+15550100"));
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);

  /* A GET connection of the demo data answers 200. */
  {
    g_autoptr(GPtrArray) all = fetch_all (&f);
    g_autoptr(Answer) report2 = NULL;
    g_autofree char *connection = object_to_string (g_ptr_array_index (all, 0));
    g_autofree char *wrapped = g_strdup_printf ("{\"connection\":%s}", connection);

    report2 = fixture_request (&f, "POST", "/v2/connections/testConnection", wrapped);
    g_assert_cmpuint (report2->status, ==, 200);
    g_assert_cmpint (int_member (answer_object (report2), "statusCode"), ==, 200);
  }

  /* Not such a document. */
  {
    const char *bodies[] = { "{}", "{\"connection\": 3}", "[]", "nope",
                             "{\"connection\":{\"request\":{\"connectionUrl\":\"ftp:/x\"}}}",
                             "{\"connection\":{\"request\":{\"connectionUrl\":7}}}" };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(Answer) bad = fixture_request (&f, "POST", "/v2/connections/testConnection",
                                                 bodies[i]);

        assert_error_body (bad, 400);
      }
  }
  {
    g_autofree char *url = g_strconcat (f.base, "/v2/connections/testConnection", NULL);
    g_autoptr(Answer) bad = request_full (f.session, "POST", url, TOKEN, "text/plain", body);

    assert_error_body (bad, 415);
  }

  fixture_tear_down (&f);
}

static void
test_methods (void)
{
  Fixture f;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&f);
  all = fetch_all (&f);
  path = g_strconcat ("/v2/connections/", string_member (g_ptr_array_index (all, 0), "ref"),
                      NULL);

  {
    g_autoptr(Answer) answer = fixture_request (&f, "DELETE", path, NULL);

    assert_error_body (answer, 405);
    g_assert_cmpstr (answer->allow, ==, "GET, PUT");
  }
  {
    g_autoptr(Answer) answer = fixture_request (&f, "PATCH", "/v2/connections", "{}");

    assert_error_body (answer, 405);
    g_assert_cmpstr (answer->allow, ==, "GET, POST");
  }
  {
    g_autoptr(Answer) answer = fixture_request (&f, "DELETE", "/v2/connections/testConnection",
                                                NULL);

    assert_error_body (answer, 405);
  }
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);

  /* Odd addresses are “not found”, never a crash. */
  {
    const char *paths[] = { "/", "/v2", "/v2/connections/a/b", "/v2/connections/%2F",
                            "/v2/connections/%E2%80%9C" };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr(Answer) answer = fixture_request (&f, "GET", paths[i], NULL);

        assert_error_body (answer, 404);
      }
  }

  /* A ref percent-encoded in the path is found. */
  {
    g_autoptr(Answer) answer = NULL;
    g_autoptr(GString) encoded = g_string_new ("/v2/connections/");
    const char *ref = string_member (g_ptr_array_index (all, 1), "ref");

    for (const char *p = ref; *p; p++)
      g_string_append_printf (encoded, "%%%02X", (guchar) *p);
    answer = fixture_request (&f, "GET", encoded->str, NULL);
    g_assert_cmpuint (answer->status, ==, 200);
    g_assert_cmpstr (string_member (answer_object (answer), "ref"), ==, ref);
  }

  fixture_tear_down (&f);
}

static void
test_fail_next (void)
{
  Fixture f;
  guint before;

  fixture_set_up (&f);
  before = pb_demo_server_get_n_requests (f.server);

  pb_demo_server_fail_next (f.server, 503, NULL, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);

      assert_error_body (answer, 503);
    }
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }

  /* A body of one's own, even one that is not JSON. */
  pb_demo_server_fail_next (f.server, 502, "<html><body>Bad gateway</body></html>", 1);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);
    gsize length;
    const char *data = g_bytes_get_data (answer->body, &length);

    g_assert_cmpuint (answer->status, ==, 502);
    g_assert_cmpstr (answer->content_type, ==, "text/html");
    g_assert_cmpmem (data, length, "<html><body>Bad gateway</body></html>", 37);
    g_assert_null (answer->root);
  }

  /* It applies even to requests that would be refused anyway; count 0 clears it. */
  pb_demo_server_fail_next (f.server, 429, NULL, 3);
  {
    g_autofree char *url = g_strconcat (f.base, "/v2/connections", NULL);
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, NULL, NULL, NULL);

    assert_error_body (answer, 429);
  }
  pb_demo_server_fail_next (f.server, 0, NULL, 0);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }

  g_assert_cmpuint (pb_demo_server_get_n_requests (f.server), ==, before + 6);
  fixture_tear_down (&f);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_latency (void)
{
  Fixture f;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", TOKEN, NULL);
  SendData data = { 0 };
  gboolean fired = FALSE;
  gint64 start;

  fixture_set_up (&f);
  url = g_strconcat (f.base, "/v2/connections", NULL);

  /* A very slow answer does not block the loop: a timer still fires meanwhile. */
  pb_demo_server_set_latency (f.server, 60 * 1000);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_send_and_read_async (f.session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, &data);
  g_timeout_add (50, set_flag_cb, &fired);
  while (!fired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (data.done);
  g_assert_cmpuint (pb_demo_server_get_n_requests (f.server), ==, 1);

  /* Giving up on it is fine for the server. */
  g_cancellable_cancel (cancellable);
  while (!data.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);

  /* A short latency delays the answer at least that long. */
  pb_demo_server_set_latency (f.server, 200);
  start = g_get_monotonic_time ();
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  }

  /* Errors are delayed too, and stopping with an answer held back is fine. */
  {
    g_autoptr(Answer) answer = request_full (f.session, "GET", url, "wrong", NULL, NULL);

    assert_error_body (answer, 401);
  }

  pb_demo_server_set_latency (f.server, 60 * 1000);
  {
    g_autoptr(SoupMessage) pending = soup_message_new ("GET", url);
    SendData data2 = { 0 };
    gboolean fired2 = FALSE;

    soup_session_send_and_read_async (f.session, pending, G_PRIORITY_DEFAULT, NULL,
                                      send_cb, &data2);
    g_timeout_add (50, set_flag_cb, &fired2);
    while (!fired2)
      g_main_context_iteration (NULL, TRUE);

    pb_demo_server_stop (f.server);
    g_assert_null (pb_demo_server_get_base_url (f.server));
    soup_session_abort (f.session);
    while (!data2.done)
      g_main_context_iteration (NULL, TRUE);
    g_clear_error (&data2.error);
    g_clear_pointer (&data2.body, g_bytes_unref);
  }

  fixture_tear_down (&f);
}

static void
test_put_remove (void)
{
  Fixture f;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ref = NULL;
  JsonObject *first;

  fixture_set_up (&f);
  all = fetch_all (&f);
  first = g_ptr_array_index (all, 0);
  ref = g_strdup (string_member (first, "ref"));
  path = g_strconcat ("/v2/connections/", ref, NULL);

  /* Changed between two fetches. */
  json_object_set_string_member (first, "name", "Changed behind your back");
  json_object_set_string_member (first, "href", "");
  text = object_to_string (first);
  g_assert_true (pb_demo_server_put_connection (f.server, text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", path, NULL);
    g_autofree char *href = g_strconcat (f.base, path, NULL);

    g_assert_cmpstr (string_member (answer_object (answer), "name"), ==,
                     "Changed behind your back");
    g_assert_cmpstr (string_member (answer_object (answer), "href"), ==, href);
  }
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections?limit=1", NULL);
    JsonObject *item = json_array_get_object_element (page_items (answer), 0);

    /* Replaced where it stood. */
    g_assert_cmpstr (string_member (item, "ref"), ==, ref);
  }

  /* A new one is added at the end. */
  g_assert_true (pb_demo_server_put_connection (f.server,
                                                "{\"ref\":\"new-one\",\"name\":\"New\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 25);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections?offset=24", NULL);
    JsonObject *item = json_array_get_object_element (page_items (answer), 0);

    g_assert_cmpstr (string_member (item, "name"), ==, "New");
  }

  /* Removed: gone from the list and 404 by ref. */
  g_assert_true (pb_demo_server_remove_connection (f.server, ref));
  g_assert_false (pb_demo_server_remove_connection (f.server, ref));
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", path, NULL);

    assert_error_body (answer, 404);
  }
  {
    g_autoptr(GPtrArray) now = fetch_all (&f);

    g_assert_cmpuint (now->len, ==, 24);
    for (guint i = 0; i < now->len; i++)
      g_assert_cmpstr (string_member (g_ptr_array_index (now, i), "ref"), !=, ref);
  }

  /* What is not a connection is refused. */
  g_assert_false (pb_demo_server_put_connection (f.server, "{", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (pb_demo_server_put_connection (f.server, "{\"name\":\"no ref\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (pb_demo_server_put_connection (f.server, "[1, 2]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 24);

  fixture_tear_down (&f);
}

static void
test_load_data (void)
{
  Fixture f;
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "", "nope", "[]", "{}", "{\"items\": {}}", "{\"items\": [1]}",
                        "{\"items\": [{\"ref\": \"a\"}, \"b\"]}", "\xff" };

  fixture_set_up (&f);

  g_assert_true (pb_demo_server_load_data (f.server, list, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 1);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);
    JsonArray *items = page_items (answer);
    JsonObject *item;
    g_autofree char *href = NULL;

    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    item = json_array_get_object_element (items, 0);
    href = g_strconcat (f.base, "/v2/connections/65aeee1b-d0ba-478b-ac97-a6fced1b2a4a", NULL);
    /* The "<baseURL>" of the file becomes the server's own. */
    g_assert_cmpstr (string_member (item, "href"), ==, href);
    g_assert_cmpstr (string_member (item, "name"), ==, "First web service");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item,
                                                                           "outputMappings")),
                      ==, 9);
  }

  {
    g_autoptr(GString) deep = g_string_new ("{\"items\": [");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_assert_false (pb_demo_server_load_data (f.server, deep->str, deep->len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_string_erase (deep, 0, strlen ("{\"items\": ["));
    g_string_prepend (deep, "{\"ref\": \"x\", \"deep\": ");
    g_assert_false (pb_demo_server_put_connection (f.server, deep->str, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pb_demo_server_load_data (f.server, bad[i], -1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
      /* The data stays as it was. */
      g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 1);
    }

  g_assert_true (pb_demo_server_load_data (f.server, "{\"items\": []}", -1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(Answer) answer = fixture_request (&f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (json_array_get_length (page_items (answer)), ==, 0);
  }

  fixture_tear_down (&f);
}

static void
test_generate (void)
{
  Fixture f;
  Fixture g;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  guint archived = 0, destinations = 0, oauth = 0, non_latin = 0, placeholders = 0, puts = 0;

  fixture_set_up (&f);
  fixture_set_up (&g);

  pb_demo_server_generate (f.server, 10000, 42);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f.server), ==, 10000);

  all = fetch_all (&f);
  g_assert_cmpuint (all->len, ==, 10000);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *object = g_ptr_array_index (all, i);
      JsonObject *request = json_object_get_object_member (object, "request");
      const char *ref = string_member (object, "ref");
      const char *name = string_member (object, "name");

      g_assert_true (g_uuid_string_is_valid (ref));
      g_assert_true (g_hash_table_add (refs, (char *) ref));
      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_nonnull (request);
      g_assert_nonnull (json_object_get_object_member (object, "auth"));

      archived += json_object_get_boolean_member (object, "archived");
      destinations += g_str_equal (string_member (object, "systemType"), "DESTINATION");
      oauth += g_str_equal (string_member (json_object_get_object_member (object, "auth"),
                                           "authType"), "OAUTH");
      non_latin += !g_str_is_ascii (name);
      puts += g_str_equal (string_member (request, "requestType"), "PUT");
      if (json_object_has_member (request, "requestBody"))
        placeholders += strstr (string_member (request, "requestBody"), "${") != NULL;
    }

  /* A realistic mix. */
  g_assert_cmpuint (archived, >, 0);
  g_assert_cmpuint (archived, <, 2000);
  g_assert_cmpuint (destinations, >, 1000);
  g_assert_cmpuint (destinations, <, 9000);
  g_assert_cmpuint (oauth, >, 1000);
  g_assert_cmpuint (oauth, <, 9000);
  g_assert_cmpuint (non_latin, >, 0);
  g_assert_cmpuint (placeholders, >, 1000);
  g_assert_cmpuint (puts, >, 0);

  /* The same seed gives the same connections. */
  pb_demo_server_generate (g.server, 10000, 42);
  {
    g_autoptr(Answer) a = fixture_request (&f, "GET", "/v2/connections?offset=5000&limit=100",
                                           NULL);
    g_autoptr(Answer) b = fixture_request (&g, "GET", "/v2/connections?offset=5000&limit=100",
                                           NULL);
    JsonArray *items_a = page_items (a);
    JsonArray *items_b = page_items (b);

    g_assert_cmpuint (json_array_get_length (items_a), ==, 100);
    for (guint i = 0; i < 100; i++)
      {
        JsonObject *x = json_array_get_object_element (items_a, i);
        JsonObject *y = json_array_get_object_element (items_b, i);
        g_autofree char *tx = NULL;
        g_autofree char *ty = NULL;

        /* Only the server's address differs. */
        json_object_remove_member (x, "href");
        json_object_remove_member (y, "href");
        tx = object_to_string (x);
        ty = object_to_string (y);
        g_assert_cmpstr (tx, ==, ty);
      }
  }

  /* Another seed, other connections. */
  pb_demo_server_generate (g.server, 100, 43);
  g_assert_cmpuint (pb_demo_server_get_n_connections (g.server), ==, 100);
  {
    g_autoptr(Answer) b = fixture_request (&g, "GET", "/v2/connections?limit=1", NULL);
    JsonObject *y = json_array_get_object_element (page_items (b), 0);

    g_assert_cmpstr (string_member (y, "ref"), !=,
                     string_member (g_ptr_array_index (all, 0), "ref"));
  }

  pb_demo_server_generate (g.server, 0, 1);
  g_assert_cmpuint (pb_demo_server_get_n_connections (g.server), ==, 0);

  fixture_tear_down (&g);
  fixture_tear_down (&f);
}

static void
test_lifecycle (void)
{
  g_autoptr(GError) error = NULL;
  PbDemoServer *server = pb_demo_server_new ();
  PbDemoServer *other = pb_demo_server_new ();
  g_autofree char *base = NULL;
  guint port;

  /* Not listening yet. */
  g_assert_null (pb_demo_server_get_base_url (server));
  g_assert_cmpuint (pb_demo_server_get_port (server), ==, 0);
  /* A random token until one is set. */
  g_assert_cmpuint (strlen (pb_demo_server_get_token (server)), >=, 20);
  g_assert_cmpstr (pb_demo_server_get_token (server), !=, pb_demo_server_get_token (other));

  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  port = pb_demo_server_get_port (server);
  base = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_cmpstr (pb_demo_server_get_base_url (server), ==, base);
  /* Starting twice is harmless. */
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_cmpuint (pb_demo_server_get_port (server), ==, port);

  /* The port is taken. */
  g_assert_false (pb_demo_server_start (other, port, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  pb_demo_server_stop (server);
  pb_demo_server_stop (server);
  g_assert_null (pb_demo_server_get_base_url (server));

  g_assert_finalize_object (other);
  g_assert_finalize_object (server);
}

typedef struct
{
  GMainContext *context;
  gint          stop;
} ThreadData;

static gpointer
run_context_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  g_main_context_push_thread_default (data->context);
  while (!g_atomic_int_get (&data->stop))
    g_main_context_iteration (data->context, TRUE);
  g_main_context_pop_thread_default (data->context);

  return NULL;
}

typedef struct
{
  const char *url;
  guint       status[2];
  guint       n_items;
} ClientData;

/* A client on a context of its own, in its own thread. */
static gpointer
run_client_thread (gpointer user_data)
{
  ClientData *data = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  SoupSession *session;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 20, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (data->status); i++)
    {
      g_autoptr(Answer) answer = request_full (session, "GET", data->url, TOKEN, NULL, NULL);
      JsonNode *items;

      data->status[i] = answer->status;
      if (answer->root != NULL && JSON_NODE_HOLDS_OBJECT (answer->root)
          && (items = json_object_get_member (json_node_get_object (answer->root), "items"))
          && JSON_NODE_HOLDS_ARRAY (items))
        data->n_items = json_array_get_length (json_node_get_array (items));
    }

  soup_session_abort (session);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_assert_finalize_object (session);
  g_main_context_pop_thread_default (context);

  return NULL;
}

/* The server lives on the thread-default context of whoever created it, even when started
 * from elsewhere. Here a thread runs that context and the client runs in another thread on a
 * context of its own: nobody iterates the global default context, so a server attached to it
 * would never answer and the client would give up after its timeout. */
static void
test_creator_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ThreadData data = { context, 0 };
  ClientData client = { 0 };
  PbDemoServer *server;
  GThread *thread;

  g_main_context_push_thread_default (context);
  server = pb_demo_server_new ();
  g_main_context_pop_thread_default (context);

  pb_demo_server_set_token (server, TOKEN);
  /* Its latency timer belongs to that context too. */
  pb_demo_server_set_latency (server, 20);
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  url = g_strconcat (pb_demo_server_get_base_url (server), "/v2/connections", NULL);
  client.url = url;

  thread = g_thread_new ("demo-server", run_context_thread, &data);
  g_thread_join (g_thread_new ("client", run_client_thread, &client));

  g_atomic_int_set (&data.stop, 1);
  g_main_context_wakeup (context);
  g_thread_join (thread);

  g_assert_cmpuint (client.status[0], ==, 200);
  g_assert_cmpuint (client.status[1], ==, 200);
  g_assert_cmpuint (client.n_items, ==, 10);
  g_assert_cmpuint (pb_demo_server_get_n_requests (server), ==, 2);
  g_assert_finalize_object (server);
}

static void
test_program_signal (int signum)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "core",
                                                    "plugboard-demo-server", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rest = NULL;

  g_assert_true (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              program, "--port", "0", "--token", TOKEN, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (base == NULL)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
      const char *url;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      url = strstr (line, "http://127.0.0.1:");
      if (url != NULL)
        base = g_strdup (url);
    }

  session = soup_session_new ();
  {
    g_autofree char *url = g_strconcat (base, "/v2/connections?limit=100", NULL);
    g_autoptr(Answer) answer = request_full (session, "GET", url, TOKEN, NULL, NULL);

    g_assert_cmpuint (json_array_get_length (page_items (answer)), ==, 24);
  }
  {
    g_autofree char *url = g_strconcat (base, "/v2/connections", NULL);
    g_autoptr(Answer) answer = request_full (session, "GET", url, "wrong", NULL, NULL);

    assert_error_body (answer, 401);
  }

  g_subprocess_send_signal (process, signum);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  rest = g_data_input_stream_read_upto (output, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rest, "Stopped after 2 requests"));
}

static void
test_program_sigterm (void)
{
  test_program_signal (SIGTERM);
}

static void
test_program_sigint (void)
{
  test_program_signal (SIGINT);
}

static void
test_program_bad_arguments (void)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "core",
                                                    "plugboard-demo-server", NULL);
  const char *cases[][3] = {
    { "--port", "70000", NULL },
    { "--data", "/nonexistent/plugboard/data.json", NULL },
    { "--latency", "-5", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                  | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                  program, cases[i][0], cases[i][1], NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
      /* It says why. */
      g_assert_cmpstr (err, !=, "");
    }
}

int main (int argc, char **argv);

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-server/builtin-data", test_builtin_data);
  g_test_add_func ("/demo-server/paging", test_paging);
  g_test_add_func ("/demo-server/get-by-ref", test_get_by_ref);
  g_test_add_func ("/demo-server/unauthorized", test_unauthorized);
  g_test_add_func ("/demo-server/create", test_create);
  g_test_add_func ("/demo-server/update", test_update);
  g_test_add_func ("/demo-server/test-connection", test_test_connection);
  g_test_add_func ("/demo-server/methods", test_methods);
  g_test_add_func ("/demo-server/fail-next", test_fail_next);
  g_test_add_func ("/demo-server/latency", test_latency);
  g_test_add_func ("/demo-server/put-remove", test_put_remove);
  g_test_add_func ("/demo-server/load-data", test_load_data);
  g_test_add_func ("/demo-server/generate", test_generate);
  g_test_add_func ("/demo-server/lifecycle", test_lifecycle);
  g_test_add_func ("/demo-server/creator-context", test_creator_context);
  g_test_add_func ("/demo-server/program/sigterm", test_program_sigterm);
  g_test_add_func ("/demo-server/program/sigint", test_program_sigint);
  g_test_add_func ("/demo-server/program/bad-arguments", test_program_bad_arguments);

  return g_test_run ();
}
