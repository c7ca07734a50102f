/** @type {import('next').NextConfig} */
const nextConfig = {
  // No telemetry, no lint step in the example's build; the package needs no setting.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
