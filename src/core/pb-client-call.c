/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-client-private.h"
#include "pb-http.h"

/* One call to the API: a GTask whose data is a Call. Get a token (from the token source or the
 * fixed one), send a new SoupMessage, read the whole answer while counting its size, follow
 * same-origin redirects by hand, repeat once with a renewed token after a 401, then hand the
 * answer to a worker thread that turns an error status into a PbClientError or parses the
 * JSON. Everything but that last step runs on the thread that created the client, which is
 * where its SoupSession lives. */

#define MAX_REDIRECTS        5

/* {{{ Cancellable links */

static void
cancel_target_cb (GCancellable *source,
                  gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
_pb_cancel_link_init (PbCancelLink *link,
                      GCancellable *source,
                      GCancellable *target)
{
  link->source = NULL;
  link->handler_id = 0;

  if (source == NULL)
    return;

  link->source = g_object_ref (source);
  link->handler_id = g_cancellable_connect (source, G_CALLBACK (cancel_target_cb),
                                            g_object_ref (target), g_object_unref);
}

void
_pb_cancel_link_clear (PbCancelLink *link)
{
  if (link->source != NULL)
    g_cancellable_disconnect (link->source, link->handler_id);
  link->handler_id = 0;
  g_clear_object (&link->source);
}

/* }}} */
/* {{{ Answers (worker thread) */

static void
pb_client_response_free (PbClientResponse *response)
{
  g_clear_pointer (&response->content_type, g_free);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->token, _pb_client_secret_free);
  g_clear_pointer (&response->what, g_free);
  g_free (response);
}

/* Parsing is the client's only heavy work. At most one parse per processor but one runs at a
 * time (the main thread needs a processor too, to stay responsive while a list loads); the
 * others wait here, off the main thread. A waiting parse that gets cancelled has already
 * returned (return-on-cancel) and leaves as soon as it gets its turn. */
static GMutex parse_gate_mutex;
static GCond  parse_gate_cond;
static guint  parse_gate_running;

static guint
parse_gate_limit (void)
{
  static gsize limit = 0;

  if (g_once_init_enter (&limit))
    g_once_init_leave (&limit,
                       CLAMP (g_get_num_processors () - 1, 1, PB_CLIENT_MAX_PAGES_IN_FLIGHT));

  return (guint) limit;
}

static void
parse_gate_enter (void)
{
  guint limit = parse_gate_limit ();

  g_mutex_lock (&parse_gate_mutex);
  while (parse_gate_running >= limit)
    g_cond_wait (&parse_gate_cond, &parse_gate_mutex);
  parse_gate_running++;
  g_mutex_unlock (&parse_gate_mutex);
}

static void
parse_gate_leave (void)
{
  g_mutex_lock (&parse_gate_mutex);
  parse_gate_running--;
  g_cond_signal (&parse_gate_cond);
  g_mutex_unlock (&parse_gate_mutex);
}

static void
parse_response (GTask      *task,
                PbClientResponse *response)
{
  g_autoptr(GError) error = NULL;
  const char *data = NULL;
  gsize size = 0;
  gpointer result;

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, _pb_client_status_error (response));
      return;
    }

  if (response->body != NULL)
    data = g_bytes_get_data (response->body, &size);

  if (data == NULL || size == 0)
    {
      g_task_return_error (task, _pb_client_bad_body_error (response, NULL));
      return;
    }

  result = response->parse (data, size, response->content_type, &error);
  if (result == NULL)
    g_task_return_error (task, _pb_client_bad_body_error (response, error));
  else
    g_task_return_pointer (task, result, response->result_free);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  parse_gate_enter ();
  if (!g_task_return_error_if_cancelled (task))
    parse_response (task, task_data);
  parse_gate_leave ();
}

/* }}} */
/* {{{ Calls (main thread) */

typedef struct
{
  PbTokenSource        *token_source;
  char                 *method;
  GUri                 *uri;
  GBytes               *body;
  PbClientCallFlags     flags;
  PbClientParseFunc           parse;
  GDestroyNotify        result_free;

  char                 *token;
  gboolean              renewed;
  guint                 n_redirects;
  /* The body of the current request went out in full (a write: see PbClientCallFlags). */
  gboolean              sent;

  SoupMessage          *msg;
  GInputStream         *stream;
  GByteArray           *data;
  GTlsCertificateFlags  tls_errors;
  GTlsCertificate      *peer_certificate;
  char                 *what;

  /* Cancelled by the task's cancellable, by the client's dispose, or to drop an answer. */
  GCancellable         *io_cancellable;
  PbCancelLink            task_link;
  PbCancelLink            client_link;
} Call;

static void
call_free (Call *call)
{
  _pb_cancel_link_clear (&call->task_link);
  _pb_cancel_link_clear (&call->client_link);
  g_clear_object (&call->io_cancellable);
  g_clear_object (&call->token_source);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->uri, g_uri_unref);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->token, _pb_client_secret_free);
  if (call->msg != NULL)
    g_signal_handlers_disconnect_by_data (call->msg, call);
  g_clear_object (&call->msg);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->data, g_byte_array_unref);
  g_clear_object (&call->peer_certificate);
  g_clear_pointer (&call->what, g_free);
  g_free (call);
}

static void
call_update_what (Call *call)
{
  const char *query = g_uri_get_query (call->uri);

  g_free (call->what);
  call->what = g_strdup_printf ("%s %s%s%s", call->method, g_uri_get_path (call->uri),
                                query != NULL ? "?" : "", query != NULL ? query : "");
}

/* Turns a failure to send or to read into a PbClientError (keeps cancellation as it is). */
static GError *
call_transport_error (Call   *call,
                      GError *error,
                      guint   status)
{
  const char *host = g_uri_get_host (call->uri);
  int port = g_uri_get_port (call->uri);
  int usual = g_strcmp0 (g_uri_get_scheme (call->uri), "https") == 0 ? 443 : 80;
  g_autofree char *peer = NULL;

  /* The port where the address names one: a wrong port is the likely mistake of a refusal. */
  if (port > 0 && port != usual && host != NULL)
    peer = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%d", host, port)
                                      : g_strdup_printf ("%s:%d", host, port);

  g_debug ("%s: no answer%s", call->what, call->sent ? " after the request went out" : "");
  error = pb_http_transport_error (error, PB_HTTP_PEER_API, peer != NULL ? peer : host, status,
                                   call->tls_errors, call->peer_certificate);
  if (call->sent)
    _pb_client_error_set_request_sent (error);
  return error;
}

static void call_get_token (GTask *task);
static void call_send (GTask *task);
static void call_got_answer (GTask *task);

static gboolean
call_return_if_cancelled (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (call->io_cancellable, &error))
    {
      g_task_return_error (task, error);
      return TRUE;
    }

  return FALSE;
}

static void
call_got_token_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = pb_token_source_get_token_finish (PB_TOKEN_SOURCE (object), result, &error);
  if (error != NULL)
    {
      g_debug ("%s: no token: %s", call->what, error->message);
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&call->token, _pb_client_secret_free);
  call->token = token;
  call_send (task);
}

static void
call_get_token (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  if (call_return_if_cancelled (task))
    return;

  pb_token_source_get_token_async (call->token_source, call->renewed, call->io_cancellable,
                                   call_got_token_cb, g_object_ref (task));
}

static gboolean
call_accept_certificate_cb (SoupMessage          *msg,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  Call *call = user_data;

  call->tls_errors = errors;
  g_set_object (&call->peer_certificate, certificate);

  return FALSE;
}

/* A token goes in a header: it must be printable ASCII without spaces inside. */
static gboolean
token_is_valid (const char *token)
{
  for (const char *p = token; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      return FALSE;
  return TRUE;
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data);

static void
call_wrote_body_cb (SoupMessage *msg,
                    gpointer     user_data)
{
  Call *call = user_data;

  call->sent = TRUE;
}

static void
call_send (GTask *task)
{
  PbClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autofree char *token = NULL;

  if (call_return_if_cancelled (task))
    return;

  if (call->token != NULL)
    {
      token = g_strstrip (g_strdup (call->token));
      if (*token != '\0' && !token_is_valid (token))
        {
          g_task_return_error (task,
                               _pb_client_error_new (PB_CLIENT_ERROR_UNAUTHORIZED, 0, -1, NULL,
                                                     _("The access token is not valid. Check "
                                                       "the account in Preferences.")));
          memset (token, 0, strlen (token));
          return;
        }
    }

  if (call->msg != NULL)
    g_signal_handlers_disconnect_by_data (call->msg, call);
  g_clear_object (&call->msg);
  g_clear_object (&call->peer_certificate);
  call->tls_errors = 0;
  call->sent = FALSE;
  call_update_what (call);

  call->msg = soup_message_new_from_uri (call->method, call->uri);
  /* libsoup sends a request again by itself only when a connection it had used before closes
   * before any answer: a write goes on a new connection, so it is never sent twice. */
  soup_message_set_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT
                                     | ((call->flags & PB_CLIENT_CALL_WRITE)
                                        ? SOUP_MESSAGE_NEW_CONNECTION : 0));

  headers = soup_message_get_request_headers (call->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (token != NULL && *token != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  if (token != NULL)
    memset (token, 0, strlen (token));

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->msg, "application/json", call->body);

  g_signal_connect (call->msg, "accept-certificate",
                    G_CALLBACK (call_accept_certificate_cb), call);
  if (call->flags & PB_CLIENT_CALL_WRITE)
    g_signal_connect (call->msg, "wrote-body", G_CALLBACK (call_wrote_body_cb), call);

  soup_session_send_async (self->session, call->msg, G_PRIORITY_DEFAULT, call->io_cancellable,
                           call_sent_cb, g_object_ref (task));
}

static void
call_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = pb_http_read_body_finish (result, &error);
  g_clear_object (&call->stream);
  if (bytes == NULL)
    {
      guint status = call->msg != NULL ? soup_message_get_status (call->msg) : 0;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        {
          g_debug ("%s -> %u: more than %d bytes, dropped", call->what, status,
                   PB_CLIENT_MAX_RESPONSE_SIZE);
          g_clear_error (&error);
          error = _pb_client_too_large_error (status);
          if (call->sent)
            _pb_client_error_set_request_sent (error);
          g_task_return_error (task, error);
          return;
        }

      g_task_return_error (task, call_transport_error (call, error, status));
      return;
    }

  g_clear_pointer (&call->data, g_byte_array_unref);
  call->data = g_bytes_unref_to_array (g_steal_pointer (&bytes));
  call_got_answer (task);
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  GInputStream *stream;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, call_transport_error (call, error, 0));
      return;
    }

  call->stream = stream;
  pb_http_read_body_async (call->msg, stream, PB_CLIENT_MAX_RESPONSE_SIZE, call->io_cancellable,
                           call_body_cb, g_object_ref (task));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  const char *scheme_a = g_uri_get_scheme (a);
  const char *scheme_b = g_uri_get_scheme (b);
  int port_a = g_uri_get_port (a);
  int port_b = g_uri_get_port (b);

  if (scheme_a == NULL || scheme_b == NULL || g_ascii_strcasecmp (scheme_a, scheme_b) != 0)
    return FALSE;
  if (g_uri_get_host (a) == NULL || g_uri_get_host (b) == NULL
      || g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) != 0)
    return FALSE;

  if (port_a == -1)
    port_a = g_ascii_strcasecmp (scheme_a, "https") == 0 ? 443 : 80;
  if (port_b == -1)
    port_b = g_ascii_strcasecmp (scheme_b, "https") == 0 ? 443 : 80;

  return port_a == port_b;
}

/* Follows a redirect when it stays on the same server. Returns FALSE (and has returned an
 * error on the task) when it must not be followed. */
static gboolean
call_follow_redirect (GTask      *task,
                      guint       status,
                      const char *location)
{
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) target = NULL;
  GUri *next;

  target = g_uri_parse_relative (call->uri, location, SOUP_HTTP_URI_FLAGS, &error);
  if (target == NULL || g_uri_get_host (target) == NULL)
    {
      g_debug ("%s -> %u, to an unusable address", call->what, status);
      g_task_return_error (task, _pb_client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, status, -1,
                                                       NULL,
                                                       _("The server sent Plugboard to an address "
                                                         "that does not work.")));
      return FALSE;
    }

  if (!same_origin (call->uri, target))
    {
      g_autofree char *message = NULL;

      g_debug ("%s -> %u, to another server (%s://%s:%d): not followed", call->what, status,
               g_uri_get_scheme (target), g_uri_get_host (target), g_uri_get_port (target));
      /* Translators: %s is a host name such as example.com. */
      message = g_strdup_printf (_("The server sent Plugboard to another address (“%s”) that "
                                   "it does not trust. Nothing was sent there. Check the server "
                                   "address in Preferences."), g_uri_get_host (target));
      g_task_return_error (task, _pb_client_error_new (PB_CLIENT_ERROR_REDIRECTED, status, -1,
                                                       NULL, message));
      return FALSE;
    }

  if (call->n_redirects >= MAX_REDIRECTS)
    {
      g_debug ("%s -> %u: more than %d redirects", call->what, status, MAX_REDIRECTS);
      g_task_return_error (task, _pb_client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, status, -1,
                                                       NULL,
                                                       _("The server keeps sending Plugboard from "
                                                         "one address to another.")));
      return FALSE;
    }

  /* A write is repeated at another address only when the server asks for exactly that (307 and
   * 308 keep the method and the body): a 301, 302 or 303 would turn it into a GET that reads
   * something and looks like a success. */
  if ((call->flags & PB_CLIENT_CALL_WRITE)
      && status != SOUP_STATUS_TEMPORARY_REDIRECT && status != SOUP_STATUS_PERMANENT_REDIRECT)
    {
      g_debug ("%s -> %u: a write is not sent on", call->what, status);
      g_task_return_error (task, _pb_client_error_new (PB_CLIENT_ERROR_REDIRECTED, status, -1,
                                                       NULL,
                                                       _("The server sent the change to another "
                                                         "address, where Plugboard does not "
                                                         "send it. Check the server address in "
                                                         "Preferences.")));
      return FALSE;
    }

  call->n_redirects++;

  /* Like a browser: 303 (and 301/302 after a POST) turn the request into a GET. */
  if (status == SOUP_STATUS_SEE_OTHER
      || ((status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND)
          && g_strcmp0 (call->method, "POST") == 0))
    {
      g_free (call->method);
      call->method = g_strdup ("GET");
      g_clear_pointer (&call->body, g_bytes_unref);
    }

  /* Never take credentials from the Location. */
  next = g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (target), NULL,
                      g_uri_get_host (target), g_uri_get_port (target), g_uri_get_path (target),
                      g_uri_get_query (target), NULL);
  g_uri_unref (call->uri);
  call->uri = next;

  call_send (task);
  return TRUE;
}

static void
call_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), &error);
  /* A write that the server took but answered with something unreadable has happened. */
  if (error != NULL && (call->flags & PB_CLIENT_CALL_WRITE) && call->msg != NULL
      && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (call->msg)))
    _pb_client_error_set_request_sent (error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, call->result_free);
}

static void
call_got_answer (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);
  guint status = soup_message_get_status (call->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *retry_after;
  g_autoptr(GTask) parse_task = NULL;
  PbClientResponse *response;

  g_debug ("%s -> %u (%s, %u bytes)", call->what, status,
           content_type != NULL ? content_type : "no content type", call->data->len);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      if (location != NULL)
        {
          g_clear_object (&call->stream);
          call_follow_redirect (task, status, location);
          return;
        }
    }

  /* Safe for a write, too: a 401 means the server refused the request before acting on it
   * (the token is checked first), so sending it once more with a new token cannot make the
   * change twice. Any other failure of a write is never repeated. */
  if (status == SOUP_STATUS_UNAUTHORIZED && call->token_source != NULL && !call->renewed)
    {
      g_debug ("%s: token refused, asking for a new one", call->what);
      g_clear_object (&call->stream);
      call->renewed = TRUE;
      call_get_token (task);
      return;
    }

  response = g_new0 (PbClientResponse, 1);
  response->status = status;
  response->content_type = g_strdup (content_type);
  retry_after = soup_message_headers_get_one (headers, "Retry-After");
  response->retry_after = _pb_client_parse_retry_after (retry_after);
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&call->data));
  response->token = g_strdup (call->token);
  response->what = g_strdup (call->what);
  response->parse = call->parse;
  response->result_free = call->result_free;
  g_clear_object (&call->stream);

  parse_task = g_task_new (NULL, call->io_cancellable, call_parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, response, (GDestroyNotify) pb_client_response_free);
  g_task_set_return_on_cancel (parse_task, TRUE);
  g_task_run_in_thread (parse_task, parse_thread);
}

/* Starts a call on `task` (source object: the client; its cancellable stops the call).
 * The task returns what `parse` returns, or a GError. Takes `uri`. */
void
_pb_client_call_start (GTask         *task,
            const char    *method,
            GUri          *uri,
            GBytes        *body,
            PbClientParseFunc    parse,
            GDestroyNotify result_free)
{
  _pb_client_call_start_full (task, method, uri, body, PB_CLIENT_CALL_READ, parse, result_free);
}

void
_pb_client_call_start_full (GTask             *task,
                            const char        *method,
                            GUri              *uri,
                            GBytes            *body,
                            PbClientCallFlags  flags,
                            PbClientParseFunc  parse,
                            GDestroyNotify     result_free)
{
  PbClient *self = g_task_get_source_object (task);
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->uri = uri;
  call->flags = flags;
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->parse = parse;
  call->result_free = result_free;
  call->io_cancellable = g_cancellable_new ();
  _pb_cancel_link_init (&call->task_link, g_task_get_cancellable (task), call->io_cancellable);
  _pb_cancel_link_init (&call->client_link, self->cancellable, call->io_cancellable);
  call_update_what (call);

  if (self->token_source != NULL)
    call->token_source = g_object_ref (self->token_source);
  else
    call->token = g_strdup (self->access_token);

  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  if (call->token_source != NULL)
    call_get_token (task);
  else
    call_send (task);
}

/* }}} */
