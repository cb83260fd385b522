/** @type {import('next').NextConfig} */
const nextConfig = {
  // Links are built from runtime values (FQNs), so route typing would only get in the way.
  typedRoutes: false,
  poweredByHeader: false,
  reactStrictMode: true,
  // `next build` type-checks with tsconfig.json; ESLint runs from the repository root.
  typescript: { tsconfigPath: 'tsconfig.json' },
  async redirects() {
    return [{ source: '/', destination: '/assets', permanent: false }];
  },
};

export default nextConfig;
