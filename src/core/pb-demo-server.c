/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-demo-server-private.h"

/* The object, its life cycle, the checks made before a body is read (Host, bearer token, size),
 * routing, and latency. The data set is in pb-demo-store.c, the answers in pb-demo-handlers.c,
 * refusals written before a body is read in pb-demo-refusal.c, generated data in
 * pb-demo-generator.c. */

#define TEST_PATH_SEGMENT "testConnection"

/* An answer held back by the latency setting. */
typedef struct
{
  PbDemoServer      *self;
  SoupServerMessage *msg;
  GSource           *source;
  gulong             finished_id;
} PbDelayedAnswer;

G_DEFINE_FINAL_TYPE (PbDemoServer, pb_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PORT,
  PROP_TOKEN,
  PROP_LATENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* {{{ Checks made before the body is read */

static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize length = strlen (a);
  guchar diff = 0;

  if (length == 0 || length != strlen (b))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];

  return diff == 0;
}

static gboolean
check_authorization (PbDemoServer      *self,
                     SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *token = NULL;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;

  token = g_strstrip (g_strdup (value + 7));
  return equal_in_constant_time (token, self->token);
}

static gboolean
is_own_authority (PbDemoServer *self,
                  const char   *host,
                  int           port)
{
  if (g_ascii_strcasecmp (host, "127.0.0.1") != 0 && g_ascii_strcasecmp (host, "localhost") != 0)
    return FALSE;

  /* No port in the URL is port 80. */
  return port == (int) self->port || (port == -1 && self->port == 80);
}

/* Whether the request is for the address it listens on: the Host header (there is none in
 * HTTP/1.0, which libsoup then takes from the socket) and the URL, which an absolute URL in the
 * request line sets whatever the Host says. */
static gboolean
check_host (PbDemoServer      *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  /* Two Host headers are joined with a comma, which no authority matches. */
  const char *host = soup_message_headers_get_list (headers, "Host");
  GUri *uri = soup_server_message_get_uri (msg);

  if (host != NULL)
    {
      g_autofree char *name = NULL;
      const char *colon = strrchr (host, ':');
      guint64 port = 0;

      if (colon == NULL)
        name = g_strdup (host);
      else if (colon[1] != '\0'
               && g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT16, &port, NULL))
        name = g_strndup (host, colon - host);
      else
        return FALSE;

      if (!is_own_authority (self, name, colon != NULL ? (int) port : -1))
        return FALSE;
    }

  return uri != NULL && g_uri_get_host (uri) != NULL
         && is_own_authority (self, g_uri_get_host (uri), g_uri_get_port (uri));
}

static void
answer_misdirected (PbDemoServer      *self,
                    SoupServerMessage *msg)
{
  g_autofree char *detail = g_strdup_printf ("Misdirected request: this server answers only "
                                             "Host 127.0.0.1:%u or localhost:%u.",
                                             self->port, self->port);

  _pb_demo_answer_error (msg, 421, 4211, "This server answers only requests for its own address.",
                         detail);
}

static void
answer_unauthorized (SoupServerMessage *msg)
{
  _pb_demo_answer_error (msg, 401, 4011,
                         "The access token is missing, expired or not valid. Sign in again.",
                         "Unauthorized: send Authorization: Bearer <access token>.");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer");
}

static void
answer_too_large (SoupServerMessage *msg)
{
  g_autofree char *detail = g_strdup_printf ("Payload too large: a request body may hold at "
                                             "most %u bytes.",
                                             (guint) PB_DEMO_SERVER_MAX_REQUEST_SIZE);

  _pb_demo_answer_error (msg, 413, 4131, "The request is too large.", detail);
}

/* }}} */
/* {{{ Routing */

static void
answer_method_not_allowed (SoupServerMessage *msg,
                           const char        *allowed)
{
  g_autofree char *detail = g_strdup_printf ("Method %s is not allowed here; allowed: %s.",
                                             soup_server_message_get_method (msg), allowed);

  _pb_demo_answer_error (msg, 405, 4050, "This action is not supported.", detail);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", allowed);
}

static void
route_request (PbDemoServer      *self,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean is_get = g_str_equal (method, "GET") || g_str_equal (method, "HEAD");
  g_autofree char *ref = NULL;

  if (g_str_equal (path, PB_DEMO_COLLECTION_PATH)
      || g_str_equal (path, PB_DEMO_COLLECTION_PATH "/"))
    {
      if (is_get)
        _pb_demo_handle_list (self, msg, query);
      else if (g_str_equal (method, "POST"))
        _pb_demo_handle_create (self, msg);
      else
        answer_method_not_allowed (msg, "GET, POST");
      return;
    }

  if (!g_str_has_prefix (path, PB_DEMO_COLLECTION_PATH "/"))
    {
      _pb_demo_answer_error (msg, 404, 4041, "There is nothing at this address.",
                             "Not found: the API serves /v2/connections.");
      return;
    }

  ref = _pb_demo_ref_of_path (path);
  if (ref == NULL)
    {
      _pb_demo_answer_error (msg, 404, 4041, "There is nothing at this address.",
                             "Not found: expected /v2/connections/{ref}.");
      return;
    }

  if (g_str_equal (ref, TEST_PATH_SEGMENT) && g_str_equal (method, "POST"))
    _pb_demo_handle_test (self, msg);
  else if (is_get)
    _pb_demo_handle_get (self, msg, ref);
  else if (g_str_equal (method, "PUT"))
    _pb_demo_handle_update (self, msg, ref);
  else
    answer_method_not_allowed (msg, g_str_equal (ref, TEST_PATH_SEGMENT) ? "POST" : "GET, PUT");
}

/* }}} */
/* {{{ Latency */

static void
pb_delayed_answer_release (PbDelayedAnswer *delayed,
                           gboolean         unpause)
{
  g_clear_signal_handler (&delayed->finished_id, delayed->msg);
  if (delayed->source != NULL)
    {
      g_source_destroy (delayed->source);
      g_clear_pointer (&delayed->source, g_source_unref);
    }
  if (unpause)
    soup_server_message_unpause (delayed->msg);
  g_clear_object (&delayed->msg);
}

static void
pb_delayed_answer_free (PbDelayedAnswer *delayed)
{
  pb_delayed_answer_release (delayed, FALSE);
  g_free (delayed);
}

static gboolean
delayed_answer_cb (gpointer user_data)
{
  PbDelayedAnswer *delayed = user_data;
  PbDemoServer *self = delayed->self;

  pb_delayed_answer_release (delayed, TRUE);
  g_ptr_array_remove_fast (self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
delayed_message_finished_cb (SoupServerMessage *msg,
                             PbDelayedAnswer   *delayed)
{
  PbDemoServer *self = delayed->self;

  g_assert (SOUP_IS_SERVER_MESSAGE (msg));

  pb_delayed_answer_release (delayed, FALSE);
  g_ptr_array_remove_fast (self->delayed, delayed);
}

static void
delay_answer (PbDemoServer      *self,
              SoupServerMessage *msg)
{
  PbDelayedAnswer *delayed = g_new0 (PbDelayedAnswer, 1);

  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->finished_id = g_signal_connect (msg, "finished",
                                           G_CALLBACK (delayed_message_finished_cb), delayed);
  delayed->source = g_timeout_source_new (self->latency);
  g_source_set_callback (delayed->source, delayed_answer_cb, delayed, NULL);
  g_source_set_static_name (delayed->source, "[pb-demo-server] latency");
  g_source_attach (delayed->source, self->context);
  g_ptr_array_add (self->delayed, delayed);

  soup_server_message_pause (msg);
}

static void
flush_delayed_answers (PbDemoServer *self)
{
  while (self->delayed->len > 0)
    {
      PbDelayedAnswer *delayed = g_ptr_array_index (self->delayed, self->delayed->len - 1);

      pb_delayed_answer_release (delayed, TRUE);
      g_ptr_array_remove_index (self->delayed, self->delayed->len - 1);
    }
}

/* }}} */
/* {{{ Handlers */

/* A chunked body announces no size: it is counted as it comes. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              PbDemoServer      *self)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  g_assert (PB_IS_DEMO_SERVER (self));

  if (body->length <= PB_DEMO_SERVER_MAX_REQUEST_SIZE)
    return;

  g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, self);
  answer_too_large (msg);
  _pb_demo_refuse_on_connection (self, msg);
}

/* Runs once the headers are read, before the body is. */
static void
early_callback (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  PbDemoServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  goffset length = 0;

  g_assert (PB_IS_DEMO_SERVER (self));
  g_assert (SOUP_IS_SERVER_MESSAGE (msg));

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);

  self->n_requests++;
  g_debug ("%s %s", soup_server_message_get_method (msg), path);

  if (!check_host (self, msg))
    {
      answer_misdirected (self, msg);
    }
  else if (self->fail_count > 0)
    {
      self->fail_count--;
      _pb_demo_answer_failure (self, msg);
    }
  else if (!check_authorization (self, msg))
    {
      answer_unauthorized (msg);
    }
  else if (length > PB_DEMO_SERVER_MAX_REQUEST_SIZE)
    {
      answer_too_large (msg);
    }
  else
    {
      if (encoding == SOUP_ENCODING_CHUNKED)
        g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
      return;
    }

  /* With a status set, libsoup calls no handler; but it would read the body first. */
  if (encoding == SOUP_ENCODING_CHUNKED || length > 0)
    _pb_demo_refuse_on_connection (self, msg);
  else if (self->latency > 0)
    delay_answer (self, msg);
}

/* Runs once the body is read, for requests the early callback let through. */
static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  PbDemoServer *self = user_data;

  g_assert (PB_IS_DEMO_SERVER (self));
  g_assert (SOUP_IS_SERVER_MESSAGE (msg));

  if (_pb_demo_intercept_write (self, msg, path))
    return;

  route_request (self, msg, path, query);

  if (self->latency > 0)
    delay_answer (self, msg);
}

/* }}} */
/* {{{ GObject */

static void
pb_demo_server_dispose (GObject *object)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  pb_demo_server_stop (self);

  G_OBJECT_CLASS (pb_demo_server_parent_class)->dispose (object);
}

static void
pb_demo_server_finalize (GObject *object)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_clear_pointer (&self->refusals, g_ptr_array_unref);
  g_clear_pointer (&self->by_ref, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->client_key, g_free);
  g_clear_pointer (&self->sentinel, g_free);
  g_clear_pointer (&self->fail_body, g_free);
  g_clear_pointer (&self->write_failure_ref, g_free);

  G_OBJECT_CLASS (pb_demo_server_parent_class)->finalize (object);
}

static void
pb_demo_server_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_LATENCY:
      g_value_set_uint (value, self->latency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_demo_server_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      pb_demo_server_set_token (self, g_value_get_string (value));
      break;
    case PROP_LATENCY:
      pb_demo_server_set_latency (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_demo_server_class_init (PbDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_demo_server_dispose;
  object_class->finalize = pb_demo_server_finalize;
  object_class->get_property = pb_demo_server_get_property;
  object_class->set_property = pb_demo_server_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LATENCY] =
    g_param_spec_uint ("latency", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_demo_server_init (PbDemoServer *self)
{
  g_autofree char *nonce = _pb_demo_random_key (NULL, 24);

  self->context = g_main_context_ref_thread_default ();
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) _pb_demo_item_free);
  self->by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_delayed_answer_free);
  self->refusals = g_ptr_array_new ();
  self->token = _pb_demo_random_key (NULL, 40);
  self->client_key = _pb_demo_random_key (NULL, 32);
  self->sentinel = g_strconcat ("pbDemoBaseUrl", nonce, NULL);

  _pb_demo_store_load_builtin (self);
}

/* }}} */
/* {{{ Public API */

PbDemoServer *
pb_demo_server_new (void)
{
  return g_object_new (PB_TYPE_DEMO_SERVER, NULL);
}

gboolean
pb_demo_server_start (PbDemoServer  *self,
                      guint          port,
                      GError       **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GMainContext) current = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;
  gboolean pushed = FALSE;
  gboolean ok;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  server = soup_server_new ("server-header", "Plugboard-Demo/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (server, NULL, early_callback, self, NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);

  /* The listening sockets belong to the thread-default context at the time of listening. */
  current = g_main_context_ref_thread_default ();
  if (current != self->context)
    {
      g_main_context_push_thread_default (self->context);
      pushed = TRUE;
    }

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  ok = soup_server_listen (server, address, 0, error);

  if (pushed)
    g_main_context_pop_thread_default (self->context);

  if (!ok)
    return FALSE;

  /* The port from the listening socket itself (soup_server_get_uris() leaks in libsoup 3.2). */
  listeners = soup_server_get_listeners (server);
  local = listeners ? g_socket_get_local_address (listeners->data, NULL) : NULL;
  g_slist_free (listeners);
  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The demo server could not start."));
      return FALSE;
    }

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->server = g_steal_pointer (&server);
  g_debug ("Demo server listening at %s", self->base_url);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  return TRUE;
}

void
pb_demo_server_stop (PbDemoServer *self)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  flush_delayed_answers (self);
  _pb_demo_refusals_drop (self);

  if (self->server == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_debug ("Demo server stopped");
}

const char *
pb_demo_server_get_base_url (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), NULL);

  return self->server != NULL ? self->base_url : NULL;
}

guint
pb_demo_server_get_port (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->server != NULL ? self->port : 0;
}

const char *
pb_demo_server_get_token (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), NULL);

  return self->token;
}

void
pb_demo_server_set_token (PbDemoServer *self,
                          const char   *token)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  if (token == NULL || *token == '\0')
    {
      g_free (self->token);
      self->token = _pb_demo_random_key (NULL, 40);
    }
  else if (g_strcmp0 (token, self->token) != 0)
    {
      g_free (self->token);
      self->token = g_strdup (token);
    }
  else
    {
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

void
pb_demo_server_set_latency (PbDemoServer *self,
                            guint         milliseconds)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  if (self->latency == milliseconds)
    return;

  self->latency = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY]);
}

void
pb_demo_server_fail_next (PbDemoServer *self,
                          guint         status,
                          const char   *body,
                          guint         count)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));
  g_return_if_fail (count == 0 || (status >= 100 && status <= 599));

  self->fail_status = status;
  self->fail_count = count;
  g_free (self->fail_body);
  self->fail_body = count > 0 ? g_strdup (body) : NULL;
}

guint
pb_demo_server_get_n_requests (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->n_requests;
}

/* }}} */
