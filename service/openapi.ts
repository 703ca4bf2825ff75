/** The OpenAPI 3.1 document of the service, built from the route table (routes.ts). */
import { ROUTES } from './routes';

const WHO: Record<string, string> = {
  public: 'no token',
  read: 'viewer, operator or approver token',
  operate: 'operator token',
  decide: 'approver token of a role the item names (approver:<role>)',
};

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const params = Object.keys((r.params?.properties as Record<string, unknown> | undefined) ?? {}).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      operationId: r.name,
      summary: r.summary,
      description: `Who: ${WHO[r.access]}.`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      ...(r.access === 'public' ? { security: [] } : {}),
      responses: {
        '200': { description: 'ok' },
        ...(r.access === 'public'
          ? {}
          : {
              '401': { description: 'no or unknown bearer token' },
              '403': { description: 'the token role may not do this' },
            }),
        ...(r.body ? { '400': { description: 'the request does not match the schema' } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SOP Studio runtime service',
      version: '1',
      description:
        'Runs a released SOP graph as durable workflows (DBOS on PostgreSQL). Generated from service/routes.ts.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
