/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-connection.h"
#include "pb-json.h"

/* How the client talks to the API:
 *
 * Every request is a "call" (a GTask whose data is a Call): get a token (from the token source
 * or the fixed one), send a new SoupMessage, read the whole answer while counting its size,
 * follow same-origin redirects by hand, repeat once with a renewed token after a 401, then hand
 * the answer to a worker thread that turns an error status into a PbClientError or parses the
 * JSON. Everything but that last step runs on the thread that created the client, which is
 * where its SoupSession lives.
 *
 * A list is a series of page calls: the first page, then the second (to see whether the server
 * honours paging at all), then up to MAX_PAGES_IN_FLIGHT pages at once, delivered strictly in
 * order, until a short page or a page that repeats what came before. */

#define PAGE_LIMIT           100
#define MAX_PAGES            10000
#define MAX_PAGES_IN_FLIGHT  4
#define MAX_REDIRECTS        5
#define READ_CHUNK_SIZE      (64 * 1024)
#define PRESIZE_LIMIT        (4 * 1024 * 1024)
#define MAX_SERVER_MESSAGE   500 /* characters */
#define DEFAULT_TIMEOUT      30  /* seconds */

/* {{{ Errors */

typedef struct
{
  guint   status;
  gint64  retry_after;
  char   *server_message;
} PbClientErrorPrivate;

static void
pb_client_error_private_init (PbClientErrorPrivate *priv)
{
  priv->status = 0;
  priv->retry_after = -1;
  priv->server_message = NULL;
}

static void
pb_client_error_private_copy (const PbClientErrorPrivate *src,
                              PbClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->retry_after = src->retry_after;
  dest->server_message = g_strdup (src->server_message);
}

static void
pb_client_error_private_clear (PbClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
}

G_DEFINE_EXTENDED_ERROR (PbClientError, pb_client_error)

static GError *
client_error_new (PbClientError  code,
                  guint          status,
                  gint64         retry_after,
                  const char    *server_message,
                  const char    *message)
{
  GError *error = g_error_new_literal (PB_CLIENT_ERROR, code, message);
  PbClientErrorPrivate *priv = pb_client_error_get_private (error);

  if (priv != NULL)
    {
      priv->status = status;
      priv->retry_after = retry_after;
      priv->server_message = g_strdup (server_message);
    }

  return error;
}

guint
pb_client_error_get_status (const GError *error)
{
  PbClientErrorPrivate *priv;

  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return 0;

  priv = pb_client_error_get_private (error);
  return priv != NULL ? priv->status : 0;
}

gint64
pb_client_error_get_retry_after (const GError *error)
{
  PbClientErrorPrivate *priv;

  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return -1;

  priv = pb_client_error_get_private (error);
  return priv != NULL ? priv->retry_after : -1;
}

const char *
pb_client_error_get_server_message (const GError *error)
{
  PbClientErrorPrivate *priv;

  if (error == NULL || error->domain != PB_CLIENT_ERROR)
    return NULL;

  priv = pb_client_error_get_private (error);
  return priv != NULL ? priv->server_message : NULL;
}

/* Keeps every occurrence of the token out of a text the server sent (a server that echoes it
 * must not make it show up on screen). */
static char *
scrub_token (char       *text,
             const char *token)
{
  g_autoptr(GString) string = NULL;

  if (text == NULL || token == NULL || strlen (token) < 4 || strstr (text, token) == NULL)
    return text;

  string = g_string_new (text);
  g_free (text);
  g_string_replace (string, token, "…", 0);
  return g_string_free (g_steal_pointer (&string), FALSE);
}

/* Makes text from a server fit in one line of a sentence: valid UTF-8, no control characters,
 * single spaces, at most MAX_SERVER_MESSAGE characters. NULL when nothing is left. */
static char *
sanitize_server_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;

  if (g_utf8_strlen (out->str, -1) > MAX_SERVER_MESSAGE)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, MAX_SERVER_MESSAGE - 1);

      g_string_truncate (out, end - out->str);
      g_string_append (out, "…");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The `message` of an API error body, with the token (when given) taken out. */
static char *
extract_error_message (const char *data,
                       gsize       length,
                       const char *token)
{
  g_autofree char *text = NULL;

  /* Not json-glib: error bodies come from anywhere (see pb_json_text_check()). */
  text = scrub_token (pb_json_text_get_top_level_string (data, length, PB_JSON_CHECK_ALLOW_BOM,
                                                         "message"),
                      token);
  if (text == NULL)
    return NULL;

  return sanitize_server_text (text);
}

char *
pb_client_parse_error_message (const char *data,
                               gsize       length)
{
  return extract_error_message (data, length, NULL);
}

/* Adds a full stop to a server message that does not end a sentence, so that the text that
 * follows it starts a new one. */
static char *
as_sentence (const char *text)
{
  gunichar last;

  last = g_utf8_get_char (g_utf8_find_prev_char (text, text + strlen (text)));
  if (last == '.' || last == '!' || last == '?' || last == 0x2026 /* … */ || last == 0x3002)
    return g_strdup (text);

  return g_strconcat (text, ".", NULL);
}

/* }}} */
/* {{{ Cancellable links */

/* Makes `target` cancelled whenever `source` is. */
typedef struct
{
  GCancellable *source;
  gulong        handler_id;
} CancelLink;

static void
cancel_target_cb (GCancellable *source,
                  gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
cancel_link_init (CancelLink   *link,
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

static void
cancel_link_clear (CancelLink *link)
{
  if (link->source != NULL)
    g_cancellable_disconnect (link->source, link->handler_id);
  link->handler_id = 0;
  g_clear_object (&link->source);
}

/* }}} */
/* {{{ The client object */

struct _PbClient
{
  GObject        parent_instance;

  SoupSession   *session;
  GCancellable  *cancellable;   /* cancelled in dispose: stops every call */
  char          *base_url;      /* as given */
  GUri          *base_uri;      /* scheme://host:port/path/ ; NULL when base_url is unusable */
  char          *access_token;
  PbTokenSource *token_source;
  guint          timeout;
  guint          max_pages;
};

G_DEFINE_FINAL_TYPE (PbClient, pb_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* The base URL reduced to what requests are built on: an http(s) URL with a host and a path
 * that ends in a slash (so "v2/connections" resolves below it). NULL when unusable. */
static GUri *
parse_base_url (const char *base_url)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (base_url == NULL)
    return NULL;

  text = g_strstrip (g_strdup (base_url));
  uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (scheme == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;

  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    dir = g_strdup ("/");
  else if (g_str_has_suffix (path, "/"))
    dir = g_strdup (path);
  else
    dir = g_strconcat (path, "/", NULL);

  return g_uri_build (SOUP_HTTP_URI_FLAGS, scheme, NULL, host, g_uri_get_port (uri),
                      dir, NULL, NULL);
}

static void
pb_client_dispose (GObject *object)
{
  PbClient *self = (PbClient *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->token_source);

  G_OBJECT_CLASS (pb_client_parent_class)->dispose (object);
}

static void
pb_client_finalize (GObject *object)
{
  PbClient *self = (PbClient *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->access_token, secret_free);

  G_OBJECT_CLASS (pb_client_parent_class)->finalize (object);
}

static void
pb_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbClient *self = PB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbClient *self = PB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      g_clear_pointer (&self->base_uri, g_uri_unref);
      self->base_uri = parse_base_url (self->base_url);
      if (self->base_uri == NULL)
        g_debug ("The base URL is not an http(s) URL with a host; every call will fail");
      break;

    case PROP_TIMEOUT:
      pb_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_client_class_init (PbClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_client_dispose;
  object_class->finalize = pb_client_finalize;
  object_class->get_property = pb_client_get_property;
  object_class->set_property = pb_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_client_init (PbClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_pages = MAX_PAGES;
  self->cancellable = g_cancellable_new ();
  /* libsoup opens at most 2 connections per host unless told otherwise (construct-only):
   * a list keeps MAX_PAGES_IN_FLIGHT pages in flight, and a get or test may run beside it. */
  self->session = soup_session_new_with_options ("user-agent", "Plugboard/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", DEFAULT_TIMEOUT,
                                                 "max-conns-per-host", MAX_PAGES_IN_FLIGHT + 2,
                                                 NULL);
}

PbClient *
pb_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (PB_TYPE_CLIENT,
                       "base-url", base_url,
                       NULL);
}

const char *
pb_client_get_base_url (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
pb_client_set_access_token (PbClient   *self,
                            const char *token)
{
  g_return_if_fail (PB_IS_CLIENT (self));

  g_clear_pointer (&self->access_token, secret_free);
  self->access_token = g_strdup (token);
  g_clear_object (&self->token_source);
}

void
pb_client_set_token_source (PbClient      *self,
                            PbTokenSource *source)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (source == NULL || PB_IS_TOKEN_SOURCE (source));

  g_set_object (&self->token_source, source);
  if (source != NULL)
    g_clear_pointer (&self->access_token, secret_free);
}

void
pb_client_set_timeout (PbClient *self,
                       guint     seconds)
{
  g_return_if_fail (PB_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  soup_session_set_idle_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
pb_client_get_timeout (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), 0);

  return self->timeout;
}

void
pb_client_set_tls_database (PbClient     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  else
    {
      g_autoptr(GTlsDatabase) system = NULL;

      system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      soup_session_set_tls_database (self->session, system);
    }
}

void
_pb_client_set_max_pages (PbClient *self,
                          guint     max_pages)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (max_pages > 0);

  self->max_pages = max_pages;
}

static GError *
invalid_base_url_error (void)
{
  return client_error_new (PB_CLIENT_ERROR_NETWORK, 0, -1, NULL,
                           _("The server address is not a valid web address. "
                             "Check it in Preferences."));
}

/* `relative` is already escaped. */
static GUri *
pb_client_build_uri (PbClient    *self,
                     const char  *relative,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GUri *uri;

  if (self->base_uri == NULL)
    {
      g_propagate_error (error, invalid_base_url_error ());
      return NULL;
    }

  uri = g_uri_parse_relative (self->base_uri, relative, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_debug ("Cannot build a request URL: %s", local_error->message);
      g_propagate_error (error, invalid_base_url_error ());
    }

  return uri;
}

/* }}} */
/* {{{ Answers and their errors (worker thread) */

typedef gpointer (*PbParseFunc) (const char  *data,
                                 gsize        length,
                                 const char  *content_type,
                                 GError     **error);

/* What came back, handed to the worker thread. */
typedef struct
{
  guint          status;
  char          *content_type;
  gint64         retry_after;
  GBytes        *body;
  char          *token;   /* only to keep it out of messages */
  char          *what;    /* "GET /v2/connections" for debug lines */
  PbParseFunc    parse;
  GDestroyNotify result_free;
} PbResponse;

static void
pb_response_free (PbResponse *response)
{
  g_clear_pointer (&response->content_type, g_free);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->token, secret_free);
  g_clear_pointer (&response->what, g_free);
  g_free (response);
}

static GError *
status_error (PbResponse *response)
{
  g_autofree char *server_message = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *message = NULL;
  guint status = response->status;
  PbClientError code;

  if (response->body != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (response->body, &size);

      server_message = extract_error_message (data, size, response->token);
    }

  if (server_message != NULL)
    sentence = as_sentence (server_message);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      code = PB_CLIENT_ERROR_UNAUTHORIZED;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server refused the sign-in: %s Check the account in "
                                     "Preferences."), sentence);
      else
        message = g_strdup (_("The server refused the sign-in. Check the account in "
                              "Preferences."));
    }
  else if (status == SOUP_STATUS_FORBIDDEN)
    {
      code = PB_CLIENT_ERROR_FORBIDDEN;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The account is not allowed to do this: %s"), sentence);
      else
        message = g_strdup (_("The account is not allowed to do this. Check that its API key "
                              "may manage connections."));
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      code = PB_CLIENT_ERROR_NOT_FOUND;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server could not find what Plugboard asked for: %s"),
                                   sentence);
      else
        message = g_strdup (_("The server could not find what Plugboard asked for. It may have "
                              "been removed, or the server address in Preferences is wrong."));
    }
  else if (status == 429 /* Too Many Requests */)
    {
      g_autofree char *when = NULL;

      code = PB_CLIENT_ERROR_RATE_LIMITED;
      if (response->retry_after > 0 && response->retry_after <= G_MAXINT)
        when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Try again in %d second.",
                                             "Try again in %d seconds.",
                                             (gulong) response->retry_after),
                                (int) response->retry_after);
      else
        when = g_strdup (_("Try again in a moment."));

      if (sentence != NULL)
        /* Translators: the first %s is the server's own explanation, a full sentence; the
         * second says when to try again. */
        message = g_strdup_printf (_("The server is receiving too many requests: %s %s"),
                                   sentence, when);
      else
        /* Translators: %s says when to try again. */
        message = g_strdup_printf (_("The server is receiving too many requests. %s"), when);
    }
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      code = PB_CLIENT_ERROR_SERVER;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server ran into a problem: %s Try again later."),
                                   sentence);
      else
        /* Translators: %u is an HTTP status code such as 503. */
        message = g_strdup_printf (_("The server ran into a problem (error %u). Try again "
                                     "later."), status);
    }
  else if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    {
      code = PB_CLIENT_ERROR_REJECTED;
      if (sentence != NULL)
        /* Translators: %s is the server's own explanation, a full sentence. */
        message = g_strdup_printf (_("The server refused the request: %s"), sentence);
      else
        /* Translators: %u is an HTTP status code such as 400. */
        message = g_strdup_printf (_("The server refused the request (error %u)."), status);
    }
  else
    {
      code = PB_CLIENT_ERROR_BAD_RESPONSE;
      /* Translators: %u is an HTTP status code such as 304. */
      message = g_strdup_printf (_("The server gave an answer that Plugboard does not expect "
                                   "(status %u)."), status);
    }

  return client_error_new (code, status, response->retry_after, server_message, message);
}

/* A 2xx answer whose body is not what was asked for. */
static GError *
bad_body_error (PbResponse   *response,
                const GError *parse_error)
{
  const char *message;
  gsize size = response->body != NULL ? g_bytes_get_size (response->body) : 0;

  if (parse_error != NULL)
    g_debug ("%s: the answer does not parse: %s", response->what, parse_error->message);

  if (size == 0)
    message = _("The server sent an empty answer.");
  else if (response->content_type != NULL
           && g_ascii_strcasecmp (response->content_type, "text/html") == 0)
    message = _("The server sent a web page instead of data. Check the server address in "
                "Preferences.");
  else
    message = _("The server sent an answer that Plugboard cannot read.");

  return client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, response->status,
                           response->retry_after, NULL, message);
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
    g_once_init_leave (&limit, CLAMP (g_get_num_processors () - 1, 1, MAX_PAGES_IN_FLIGHT));

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
                PbResponse *response)
{
  g_autoptr(GError) error = NULL;
  const char *data = NULL;
  gsize size = 0;
  gpointer result;

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, status_error (response));
      return;
    }

  if (response->body != NULL)
    data = g_bytes_get_data (response->body, &size);

  if (data == NULL || size == 0)
    {
      g_task_return_error (task, bad_body_error (response, NULL));
      return;
    }

  result = response->parse (data, size, response->content_type, &error);
  if (result == NULL)
    g_task_return_error (task, bad_body_error (response, error));
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

static gpointer
parse_list_page (const char  *data,
                 gsize        length,
                 const char  *content_type,
                 GError     **error)
{
  return pb_connection_parse_list (data, (gssize) length, error);
}

static gpointer
parse_connection (const char  *data,
                  gsize        length,
                  const char  *content_type,
                  GError     **error)
{
  return pb_connection_new_from_data (data, (gssize) length, error);
}

static gpointer
parse_report (const char  *data,
              gsize        length,
              const char  *content_type,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *compact = NULL;

  /* The document as received, without the white space between its tokens. */
  compact = pb_json_text_compact (data, length, PB_JSON_CHECK_ALLOW_BOM, &local_error);
  if (compact == NULL)
    {
      g_debug ("Test report: %s", local_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the report is not JSON");
      return NULL;
    }

  if (*compact != '{')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the report is not a JSON object");
      return NULL;
    }

  return g_steal_pointer (&compact);
}

/* }}} */
/* {{{ Calls (main thread) */

typedef struct
{
  PbTokenSource        *token_source;
  char                 *method;
  GUri                 *uri;
  GBytes               *body;
  PbParseFunc           parse;
  GDestroyNotify        result_free;

  char                 *token;
  gboolean              renewed;
  guint                 n_redirects;

  SoupMessage          *msg;
  GInputStream         *stream;
  GByteArray           *data;
  GTlsCertificateFlags  tls_errors;
  GTlsCertificate      *peer_certificate;
  char                 *what;

  /* Cancelled by the task's cancellable, by the client's dispose, or to drop an answer. */
  GCancellable         *io_cancellable;
  CancelLink            task_link;
  CancelLink            client_link;
} Call;

static void
call_free (Call *call)
{
  cancel_link_clear (&call->task_link);
  cancel_link_clear (&call->client_link);
  g_clear_object (&call->io_cancellable);
  g_clear_object (&call->token_source);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->uri, g_uri_unref);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->token, secret_free);
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

static char *
describe_tls_problem (GTlsCertificateFlags  flags,
                      GTlsCertificate      *certificate)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    {
      g_autofree char *subject = NULL;
      g_autofree char *issuer = NULL;

      if (certificate != NULL)
        {
          subject = g_tls_certificate_get_subject_name (certificate);
          issuer = g_tls_certificate_get_issuer_name (certificate);
        }

      if (subject != NULL && issuer != NULL && g_strcmp0 (subject, issuer) == 0)
        return g_strdup (_("The server’s certificate is not trusted (self-signed)."));
      else
        return g_strdup (_("The server’s certificate is not trusted (unknown issuer)."));
    }
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("The server’s certificate is for another server."));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("The server’s certificate has expired."));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("The server’s certificate is not valid yet. Check the date and time of "
                       "this computer."));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("The server’s certificate has been revoked."));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("The server’s certificate uses an insecure algorithm."));

  return g_strdup (_("A secure connection to the server could not be made."));
}

/* Turns a failure to send or to read into a PbClientError (keeps cancellation as it is). */
static GError *
call_transport_error (Call   *call,
                      GError *error,
                      guint   status)
{
  g_autofree char *message = NULL;
  PbClientError code;
  const char *host = g_uri_get_host (call->uri);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == PB_CLIENT_ERROR)
    return error;

  g_debug ("%s: %s (%s %d)", call->what, error->message, g_quark_to_string (error->domain),
           error->code);

  if (error->domain == G_TLS_ERROR || call->tls_errors != 0)
    {
      code = PB_CLIENT_ERROR_TLS;
      if (call->tls_errors != 0)
        message = describe_tls_problem (call->tls_errors, call->peer_certificate);
      else
        message = g_strdup (_("A secure connection to the server could not be made."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      code = PB_CLIENT_ERROR_TIMEOUT;
      message = g_strdup (_("The server did not answer in time. Try again later."));
    }
  else if (error->domain == G_RESOLVER_ERROR)
    {
      code = PB_CLIENT_ERROR_NETWORK;
      /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
      message = g_strdup_printf (_("The server “%s” could not be found. Check the server address "
                                   "in Preferences and the connection to the Internet."), host);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && status != 0)
    {
      code = PB_CLIENT_ERROR_BAD_RESPONSE;
      message = g_strdup (_("The server’s answer was cut off."));
    }
  else if (error->domain == SOUP_SESSION_ERROR
           && (error->code == SOUP_SESSION_ERROR_PARSING
               || error->code == SOUP_SESSION_ERROR_ENCODING))
    {
      code = PB_CLIENT_ERROR_BAD_RESPONSE;
      message = g_strdup (_("The server sent an answer that Plugboard cannot read."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      code = PB_CLIENT_ERROR_NETWORK;
      /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
      message = g_strdup_printf (_("The server “%s” refused the connection. Check the server "
                                   "address in Preferences."), host);
    }
  else
    {
      code = PB_CLIENT_ERROR_NETWORK;
      /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
      message = g_strdup_printf (_("Plugboard could not talk to the server “%s”. Check the "
                                   "connection to the Internet."), host);
    }

  g_error_free (error);
  return client_error_new (code, status, -1, NULL, message);
}

static void call_get_token (GTask *task);
static void call_send (GTask *task);
static void call_read_next (GTask *task);

static void
call_stream_closed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

/* Stops reading an answer: cancelling the message makes libsoup drop the connection instead of
 * reading the rest of the body. */
static void
call_drop_stream (Call *call)
{
  g_cancellable_cancel (call->io_cancellable);
  if (call->stream != NULL)
    {
      g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, call->io_cancellable,
                                  call_stream_closed_cb, NULL);
      g_clear_object (&call->stream);
    }
}

static GError *
too_large_error (guint status)
{
  return client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, status, -1, NULL,
                           _("The server’s answer is too large."));
}

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

  g_clear_pointer (&call->token, secret_free);
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
          g_task_return_error (task, client_error_new (PB_CLIENT_ERROR_UNAUTHORIZED, 0, -1, NULL,
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
  call_update_what (call);

  call->msg = soup_message_new_from_uri (call->method, call->uri);
  soup_message_set_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);

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

  soup_session_send_async (self->session, call->msg, G_PRIORITY_DEFAULT, call->io_cancellable,
                           call_sent_cb, g_object_ref (task));
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  GInputStream *stream;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, call_transport_error (call, error, 0));
      return;
    }

  call->stream = stream;
  status = soup_message_get_status (call->msg);
  headers = soup_message_get_response_headers (call->msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > PB_CLIENT_MAX_RESPONSE_SIZE)
    {
      g_debug ("%s -> %u, announces %" G_GOFFSET_FORMAT " bytes: refused", call->what, status,
               soup_message_headers_get_content_length (headers));
      call_drop_stream (call);
      g_task_return_error (task, too_large_error (status));
      return;
    }

  g_clear_pointer (&call->data, g_byte_array_unref);
  /* Room for what is announced, but no more than a few pages' worth before it has come. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    call->data = g_byte_array_sized_new (MIN (soup_message_headers_get_content_length (headers),
                                              PRESIZE_LIMIT));
  else
    call->data = g_byte_array_new ();
  call_read_next (task);
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
      g_task_return_error (task, client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, status, -1,
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
      g_task_return_error (task, client_error_new (PB_CLIENT_ERROR_NETWORK, status, -1, NULL,
                                                   message));
      return FALSE;
    }

  if (call->n_redirects >= MAX_REDIRECTS)
    {
      g_debug ("%s -> %u: more than %d redirects", call->what, status, MAX_REDIRECTS);
      g_task_return_error (task, client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, status, -1,
                                                   NULL,
                                                   _("The server keeps sending Plugboard from "
                                                     "one address to another.")));
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

static gint64
parse_retry_after (const char *value)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;

  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return -1;

  if (g_ascii_isdigit (*text))
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &number, NULL))
        return -1;
      return (gint64) MIN (number, (guint64) G_MAXINT32);
    }

  date = soup_date_time_new_from_http_string (text);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  seconds = g_date_time_difference (date, now) / G_TIME_SPAN_SECOND;
  return CLAMP (seconds, 0, G_MAXINT32);
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
  g_autoptr(GTask) parse_task = NULL;
  PbResponse *response;

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

  if (status == SOUP_STATUS_UNAUTHORIZED && call->token_source != NULL && !call->renewed)
    {
      g_debug ("%s: token refused, asking for a new one", call->what);
      g_clear_object (&call->stream);
      call->renewed = TRUE;
      call_get_token (task);
      return;
    }

  response = g_new0 (PbResponse, 1);
  response->status = status;
  response->content_type = g_strdup (content_type);
  response->retry_after = parse_retry_after (soup_message_headers_get_one (headers,
                                                                           "Retry-After"));
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&call->data));
  response->token = g_strdup (call->token);
  response->what = g_strdup (call->what);
  response->parse = call->parse;
  response->result_free = call->result_free;
  g_clear_object (&call->stream);

  parse_task = g_task_new (NULL, call->io_cancellable, call_parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, response, (GDestroyNotify) pb_response_free);
  g_task_set_return_on_cancel (parse_task, TRUE);
  g_task_run_in_thread (parse_task, parse_thread);
}

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      guint status = call->msg != NULL ? soup_message_get_status (call->msg) : 0;

      g_clear_object (&call->stream);
      g_task_return_error (task, call_transport_error (call, error, status));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      call_got_answer (task);
      return;
    }

  if (size > PB_CLIENT_MAX_RESPONSE_SIZE - call->data->len)
    {
      guint status = soup_message_get_status (call->msg);

      g_debug ("%s -> %u: more than %d bytes, dropped", call->what, status,
               PB_CLIENT_MAX_RESPONSE_SIZE);
      call_drop_stream (call);
      g_task_return_error (task, too_large_error (status));
      return;
    }

  g_byte_array_append (call->data, g_bytes_get_data (bytes, NULL), size);
  call_read_next (task);
}

static void
call_read_next (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   call->io_cancellable, call_read_cb, g_object_ref (task));
}

/* Starts a call on `task` (source object: the client; its cancellable stops the call).
 * The task returns what `parse` returns, or a GError. Takes `uri`. */
static void
call_start (GTask         *task,
            const char    *method,
            GUri          *uri,
            GBytes        *body,
            PbParseFunc    parse,
            GDestroyNotify result_free)
{
  PbClient *self = g_task_get_source_object (task);
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->uri = uri;
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->parse = parse;
  call->result_free = result_free;
  call->io_cancellable = g_cancellable_new ();
  cancel_link_init (&call->task_link, g_task_get_cancellable (task), call->io_cancellable);
  cancel_link_init (&call->client_link, self->cancellable, call->io_cancellable);
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
/* {{{ List */

typedef struct
{
  PbClientPageFunc  page_func;
  gpointer          page_data;
  GDestroyNotify    page_data_destroy;

  /* Stops every page request: cancelled by the caller, by the client's dispose, and when the
   * list is complete (pages asked for ahead of the end are not needed). */
  GCancellable     *cancellable;
  CancelLink        task_link;
  CancelLink        client_link;

  GPtrArray        *connections;  /* the result */
  GHashTable       *seen;         /* refs in connections */
  GPtrArray        *previous;     /* refs of the last page delivered (NULL for none) */
  GHashTable       *pages;        /* page index -> GPtrArray, arrived ahead of their turn */
  guint             max_pages;
  guint             next_request;
  guint             next_deliver;
  gboolean          finished;
} ListOp;

static void
list_op_free (ListOp *op)
{
  cancel_link_clear (&op->task_link);
  cancel_link_clear (&op->client_link);
  g_clear_object (&op->cancellable);
  if (op->page_data_destroy != NULL)
    g_clear_pointer (&op->page_data, op->page_data_destroy);
  g_clear_pointer (&op->connections, g_ptr_array_unref);
  g_clear_pointer (&op->seen, g_hash_table_unref);
  g_clear_pointer (&op->previous, g_ptr_array_unref);
  g_clear_pointer (&op->pages, g_hash_table_unref);
  g_free (op);
}

typedef struct
{
  GTask *list_task;
  guint  index;
} PageRequest;

static void list_page_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
list_finish_error (GTask  *task,
                   GError *error)
{
  ListOp *op = g_task_get_task_data (task);

  op->finished = TRUE;
  g_cancellable_cancel (op->cancellable);
  g_task_return_error (task, error);
}

static void
list_request_page (GTask *task,
                   guint  index)
{
  PbClient *self = g_task_get_source_object (task);
  ListOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) page_task = NULL;
  g_autofree char *relative = NULL;
  PageRequest *request;
  GError *error = NULL;
  GUri *uri;

  relative = g_strdup_printf ("v2/connections?limit=%u&offset=%u", PAGE_LIMIT, index * PAGE_LIMIT);
  uri = pb_client_build_uri (self, relative, &error);
  if (uri == NULL)
    {
      list_finish_error (task, error);
      return;
    }

  request = g_new0 (PageRequest, 1);
  request->list_task = g_object_ref (task);
  request->index = index;

  page_task = g_task_new (self, op->cancellable, list_page_cb, request);
  g_task_set_source_tag (page_task, list_request_page);
  call_start (page_task, "GET", uri, NULL, parse_list_page,
              (GDestroyNotify) g_ptr_array_unref);
}

/* A page repeats when it brings nothing new: the same refs as the page before, or only refs
 * already seen. That is what a server that ignores paging does. */
static gboolean
list_page_is_repeat (ListOp    *op,
                     GPtrArray *page)
{
  gboolean all_seen = TRUE;
  gboolean same = op->previous != NULL && op->previous->len == page->len;

  if (page->len == 0)
    return FALSE;

  for (guint i = 0; i < page->len; i++)
    {
      const char *ref = pb_connection_get_ref (g_ptr_array_index (page, i));

      if (ref == NULL || !g_hash_table_contains (op->seen, ref))
        all_seen = FALSE;
      if (same && g_strcmp0 (ref, g_ptr_array_index (op->previous, i)) != 0)
        same = FALSE;
    }

  return all_seen || same;
}

static void
list_complete (GTask *task)
{
  ListOp *op = g_task_get_task_data (task);

  g_debug ("List complete: %u connections from %u pages", op->connections->len,
           op->next_deliver);
  op->finished = TRUE;
  g_cancellable_cancel (op->cancellable);
  g_task_return_pointer (task, g_ptr_array_ref (op->connections),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
list_advance (GTask *task)
{
  ListOp *op = g_task_get_task_data (task);
  guint window;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autoptr(GPtrArray) fresh = NULL;
      gpointer key = GUINT_TO_POINTER (op->next_deliver);
      gpointer value = NULL;

      if (!g_hash_table_steal_extended (op->pages, key, NULL, &value))
        break;
      page = value;

      if (list_page_is_repeat (op, page))
        {
          g_debug ("Page %u brings nothing new: the server does not page", op->next_deliver);
          list_complete (task);
          return;
        }

      fresh = g_ptr_array_new_with_free_func (g_object_unref);
      g_clear_pointer (&op->previous, g_ptr_array_unref);
      op->previous = g_ptr_array_new_full (page->len, g_free);

      for (guint i = 0; i < page->len; i++)
        {
          PbConnection *connection = g_ptr_array_index (page, i);
          const char *ref = pb_connection_get_ref (connection);

          g_ptr_array_add (op->previous, g_strdup (ref));
          if (ref != NULL)
            {
              if (g_hash_table_contains (op->seen, ref))
                continue;
              g_hash_table_add (op->seen, g_strdup (ref));
            }
          g_ptr_array_add (op->connections, g_object_ref (connection));
          g_ptr_array_add (fresh, g_object_ref (connection));
        }

      op->next_deliver++;

      if (op->page_func != NULL && fresh->len > 0)
        {
          if (g_task_return_error_if_cancelled (task))
            {
              op->finished = TRUE;
              g_cancellable_cancel (op->cancellable);
              return;
            }

          op->page_func (fresh, op->page_data);

          if (g_task_return_error_if_cancelled (task))
            {
              op->finished = TRUE;
              g_cancellable_cancel (op->cancellable);
              return;
            }
        }

      if (page->len < PAGE_LIMIT)
        {
          list_complete (task);
          return;
        }

      if (op->next_deliver >= op->max_pages)
        {
          g_debug ("More than %u full pages: giving up", op->max_pages);
          list_finish_error (task, client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, 200, -1, NULL,
                                                     _("The server keeps sending more "
                                                       "connections than Plugboard can "
                                                       "show.")));
          return;
        }
    }

  /* One page at a time until the second page has shown that the server pages; then several. */
  window = op->next_deliver >= 2 ? MAX_PAGES_IN_FLIGHT : 1;
  while (!op->finished && op->next_request < op->next_deliver + window
         && op->next_request < op->max_pages)
    list_request_page (task, op->next_request++);
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&request->list_task);
  ListOp *op = g_task_get_task_data (task);
  guint index = request->index;
  g_autoptr(GPtrArray) page = NULL;
  GError *error = NULL;

  g_free (request);

  page = g_task_propagate_pointer (G_TASK (result), &error);

  if (op->finished)
    {
      g_clear_error (&error);
      return;
    }

  if (page == NULL)
    {
      list_finish_error (task, error);
      return;
    }

  g_hash_table_insert (op->pages, GUINT_TO_POINTER (index), g_steal_pointer (&page));
  list_advance (task);
}

void
pb_client_list_connections_async (PbClient            *self,
                                  PbClientPageFunc     page_func,
                                  gpointer             page_data,
                                  GDestroyNotify       page_data_destroy,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListOp *op;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_list_connections_async);

  op = g_new0 (ListOp, 1);
  op->page_func = page_func;
  op->page_data = page_data;
  op->page_data_destroy = page_data_destroy;
  op->max_pages = self->max_pages;
  op->cancellable = g_cancellable_new ();
  op->connections = g_ptr_array_new_with_free_func (g_object_unref);
  op->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) list_op_free);

  cancel_link_init (&op->task_link, cancellable, op->cancellable);
  cancel_link_init (&op->client_link, self->cancellable, op->cancellable);

  if (g_task_return_error_if_cancelled (task))
    {
      op->finished = TRUE;
      return;
    }

  if (self->base_uri == NULL)
    {
      list_finish_error (task, invalid_base_url_error ());
      return;
    }

  list_advance (task);
}

GPtrArray *
pb_client_list_connections_finish (PbClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_client_list_connections_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
/* {{{ One connection, test */

void
pb_client_get_connection_async (PbClient            *self,
                                const char          *ref,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *relative = NULL;
  GError *error = NULL;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_get_connection_async);

  /* One path segment: everything reserved is escaped. "." and ".." cannot be sent as a
   * segment at all (even escaped, they mean "this" and "parent" folder). */
  if (*ref == '\0' || strcmp (ref, ".") == 0 || strcmp (ref, "..") == 0)
    {
      g_debug ("Not asking for a connection with an empty or dot ref");
      g_task_return_error (task, client_error_new (PB_CLIENT_ERROR_NOT_FOUND, 0, -1, NULL,
                                                   _("This connection has no usable "
                                                     "reference, so the server cannot be asked "
                                                     "for it.")));
      return;
    }

  escaped = g_uri_escape_string (ref, NULL, FALSE);
  relative = g_strconcat ("v2/connections/", escaped, NULL);
  uri = pb_client_build_uri (self, relative, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  call_start (task, "GET", uri, NULL, parse_connection, g_object_unref);
}

PbConnection *
pb_client_get_connection_finish (PbClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_client_get_connection_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pb_client_test_connection_async (PbClient            *self,
                                 PbConnection        *connection,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  const char *json;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (PB_IS_CONNECTION (connection));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_test_connection_async);

  json = pb_connection_get_json (connection);
  if (json == NULL || *json == '\0')
    json = "{}";

  uri = pb_client_build_uri (self, "v2/connections/testConnection", &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The object exactly as the server sent it. */
  body = g_bytes_new_take (g_strconcat ("{\"connection\":", json, "}", NULL),
                           strlen ("{\"connection\":") + strlen (json) + 1);
  call_start (task, "POST", uri, body, parse_report, g_free);
}

char *
pb_client_test_connection_finish (PbClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_client_test_connection_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
