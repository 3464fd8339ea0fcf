/**
 * The browsable API documentation (Swagger UI, served beside the API). A page a person opens in
 * a new tab, not an API call, so it is the one URL the web app spells out itself.
 */
export const API_DOCS_URL = '/api/docs';
