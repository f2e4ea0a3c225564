/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-secret"

#include "config.h"

#include <string.h>

#include "pb-secret.h"

/* {{{ Names */

static gboolean
word_is_secret (const char *word)
{
  static const char *const words[] = {
    "auth", "authorization", "key", "apikey", "pass", "passwd", "password", "passphrase",
    "pwd", "secret", "token", "sig", "signature", "credential", "cookie", "session", "hmac",
  };
  gsize len = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      /* The word itself, or its plural. */
      if (strncmp (word, words[i], n) == 0 && (len == n || (len == n + 1 && word[n] == 's')))
        return TRUE;
    }

  return FALSE;
}

static gboolean
word_names_a_place_or_kind (const char *word)
{
  static const char *const words[] = { "url", "uri", "endpoint", "type" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (word, words[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The words of a name, lower case: split at anything but ASCII letters and digits, before an
 * upper-case letter that follows a lower-case one ("clientSecret"), and before the last of a
 * run of capitals that a lower-case letter follows ("APIKey"). */
static GPtrArray *
split_words (const char *name)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      gboolean boundary = FALSE;

      if (!g_ascii_isalnum (*p))
        {
          if (word->len > 0)
            g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
          continue;
        }

      if (word->len > 0 && g_ascii_isupper (*p))
        {
          char before = p[-1];

          boundary = g_ascii_islower (before) || g_ascii_isdigit (before)
                     || (g_ascii_isupper (before) && g_ascii_islower (p[1]));
        }
      if (boundary)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      g_string_append_c (word, g_ascii_tolower (*p));
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_strdup (word->str));
  g_string_free (word, TRUE);

  return words;
}

gboolean
pb_secret_name_looks_secret (const char *name)
{
  g_autoptr(GPtrArray) words = NULL;

  if (name == NULL)
    return FALSE;

  words = split_words (name);
  if (words->len == 0 || word_names_a_place_or_kind (g_ptr_array_index (words, words->len - 1)))
    return FALSE;

  for (guint i = 0; i < words->len; i++)
    if (word_is_secret (g_ptr_array_index (words, i)))
      return TRUE;

  return FALSE;
}

/* }}} */
/* {{{ Values */

/* The length of the authorization scheme word that `value` starts with, followed by white
 * space and a credential; 0 when there is none. */
static gsize
scheme_length (const char *value)
{
  static const char *const schemes[] = {
    "Bearer", "Basic", "Digest", "Token", "Negotiate", "NTLM", "OAuth", "Hawk", "HOBA",
    "Mutual", "DPoP", "ApiKey", "Key", "SSWS", "SharedAccessSignature", "AWS4-HMAC-SHA256",
  };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize len = strlen (schemes[i]);
      const char *rest = value + len;

      if (g_ascii_strncasecmp (value, schemes[i], len) != 0 || (*rest != ' ' && *rest != '\t'))
        continue;
      while (*rest == ' ' || *rest == '\t')
        rest++;
      if (*rest != '\0')
        return len;
    }

  return 0;
}

char *
pb_secret_mask (const char *value)
{
  gsize len;

  if (value == NULL)
    return NULL;
  if (*value == '\0')
    return g_strdup ("");

  len = scheme_length (value);
  if (len > 0)
    return g_strdup_printf ("%.*s " PB_SECRET_MASK, (int)len, value);

  return g_strdup (PB_SECRET_MASK);
}

/* }}} */
/* {{{ URLs */

/* Appends the query `query` (without its "?", up to `end`) with secret-looking values masked.
 * Parameters are split at each of `separators`; a name is compared decoded. */
static void
append_masked_query (GString    *out,
                     const char *query,
                     const char *end,
                     const char *separators)
{
  const char *p = query;

  while (p < end)
    {
      const char *stop = p;
      const char *equals;
      g_autofree char *raw_name = NULL;
      g_autofree char *name = NULL;

      while (stop < end && strchr (separators, *stop) == NULL)
        stop++;
      equals = memchr (p, '=', stop - p);
      raw_name = g_strndup (p, (equals != NULL ? equals : stop) - p);
      name = g_uri_unescape_string (raw_name, NULL);

      if (equals != NULL && equals + 1 < stop
          && pb_secret_name_looks_secret (name != NULL ? name : raw_name))
        {
          g_string_append_len (out, p, equals + 1 - p);
          g_string_append (out, PB_SECRET_MASK);
        }
      else
        g_string_append_len (out, p, stop - p);

      if (stop < end)
        g_string_append_c (out, *stop++);
      p = stop;
    }
}

char *
pb_secret_mask_url (const char *url)
{
  const char *query;
  const char *fragment;
  const char *authority;
  const char *path;
  const char *at;
  const char *colon;
  GString *out;

  if (url == NULL)
    return NULL;

  out = g_string_new (NULL);
  fragment = strchr (url, '#');
  if (fragment == NULL)
    fragment = url + strlen (url);
  query = memchr (url, '?', fragment - url);

  /* The password of "scheme://user:password@host". */
  authority = strstr (url, "://");
  authority = authority != NULL && authority < (query != NULL ? query : fragment)
              ? authority + 3 : NULL;
  path = authority != NULL ? authority + strcspn (authority, "/?#") : NULL;
  at = authority != NULL ? memchr (authority, '@', path - authority) : NULL;
  colon = at != NULL ? memchr (authority, ':', at - authority) : NULL;
  if (colon != NULL && colon + 1 < at)
    {
      g_string_append_len (out, url, colon + 1 - url);
      g_string_append (out, PB_SECRET_MASK);
      g_string_append_len (out, at, (query != NULL ? query : fragment) - at);
    }
  else
    g_string_append_len (out, url, (query != NULL ? query : fragment) - url);

  if (query != NULL)
    {
      g_string_append_c (out, '?');
      append_masked_query (out, query + 1, fragment, "&;");
    }
  g_string_append (out, fragment);

  return g_string_free (out, FALSE);
}

/* }}} */
/* {{{ Request bodies */

char *
pb_secret_mask_json_value (PbJsonReader *reader)
{
  g_autofree char *value = NULL;
  g_autofree char *masked = NULL;

  g_return_val_if_fail (reader != NULL, NULL);

  switch (pb_json_reader_get_value_type (reader))
    {
    case PB_JSON_NULL:
    case PB_JSON_NONE:
      return NULL;

    case PB_JSON_STRING:
      value = pb_json_reader_dup_string (reader);
      if (*value == '\0')
        return NULL;
      /* A scheme word is ASCII letters, digits and '-': nothing in it needs an escape. */
      masked = pb_secret_mask (value);
      return g_strconcat ("\"", masked, "\"", NULL);

    case PB_JSON_BOOLEAN:
    case PB_JSON_NUMBER:
    case PB_JSON_OBJECT:
    case PB_JSON_ARRAY:
    default:
      return g_strdup ("\"" PB_SECRET_MASK "\"");
    }
}

/* Into the object or array under the cursor, if it is one: *more tells whether it has a
 * first member or element. */
static gboolean
enter_container (PbJsonReader *reader,
                 gboolean     *more)
{
  switch (pb_json_reader_get_value_type (reader))
    {
    case PB_JSON_OBJECT:
      *more = pb_json_reader_start_object (reader);
      return TRUE;
    case PB_JSON_ARRAY:
      *more = pb_json_reader_start_array (reader);
      return TRUE;
    case PB_JSON_NONE:
    case PB_JSON_NULL:
    case PB_JSON_BOOLEAN:
    case PB_JSON_NUMBER:
    case PB_JSON_STRING:
    default:
      return FALSE;
    }
}

/* Masks the members of the JSON document `text` whose name looks secret, at any depth; NULL
 * when `text` is not JSON (placeholders allowed). */
static char *
mask_json_members (const char *text,
                   gsize       length)
{
  g_autoptr(PbJsonReader) reader = NULL;
  GString *out;
  gsize copied = 0;
  gboolean more;

  reader = pb_json_reader_new (text, length, PB_JSON_CHECK_ALLOW_PLACEHOLDERS, NULL);
  if (reader == NULL)
    return NULL;

  if (!enter_container (reader, &more))
    return g_strndup (text, length);

  /* Depth first, without recursion: the reader keeps the way back. */
  out = g_string_sized_new (length);
  for (;;)
    {
      g_autofree char *name = NULL;
      g_autofree char *masked = NULL;
      PbTextSpan span;

      if (!more)
        {
          pb_json_reader_end (reader);
          if (pb_json_reader_get_depth (reader) == 0)
            break;
          more = pb_json_reader_next (reader);
          continue;
        }

      name = pb_json_reader_dup_member_name (reader);
      if (pb_secret_name_looks_secret (name))
        {
          masked = pb_secret_mask_json_value (reader);
          if (masked != NULL && pb_json_reader_get_value_span (reader, &span))
            {
              g_string_append_len (out, text + copied, span.start - copied);
              g_string_append (out, masked);
              copied = span.end;
            }
          more = pb_json_reader_next (reader);
        }
      else if (!enter_container (reader, &more))
        more = pb_json_reader_next (reader);
    }

  g_string_append_len (out, text + copied, length - copied);
  return g_string_free (out, FALSE);
}

/* Whether `text` reads as application/x-www-form-urlencoded: name=value pairs joined by '&',
 * each name made of the characters a form encoder writes (and ${placeholders}), no white
 * space anywhere. */
static gboolean
looks_form_encoded (const char *text)
{
  const char *p = text;

  if (*text == '\0' || strchr (text, '=') == NULL)
    return FALSE;

  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0' && *p != '=' && *p != '&')
        {
          if (!g_ascii_isalnum (*p) && strchr ("-._~%+*[]${}", *p) == NULL)
            return FALSE;
          p++;
        }
      if (p == start || *p != '=')
        return FALSE;
      while (*p != '\0' && *p != '&')
        {
          if ((guchar)*p <= ' ' || *p == 0x7f)
            return FALSE;
          p++;
        }
      if (*p == '&')
        p++;
    }

  return TRUE;
}

char *
pb_secret_mask_json_text (const char *text)
{
  char *masked;

  if (text == NULL)
    return NULL;

  masked = mask_json_members (text, strlen (text));
  if (masked != NULL)
    return masked;

  if (looks_form_encoded (text))
    {
      GString *out = g_string_new (NULL);

      append_masked_query (out, text, text + strlen (text), "&");
      return g_string_free (out, FALSE);
    }

  return g_strdup (text);
}

/* }}} */
