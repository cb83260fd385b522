FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npx nx run-many -t build --projects=@almanac/api,@almanac/web
ENV NODE_ENV=production
EXPOSE 4000 3000
CMD ["node", "apps/api/dist/serve.js"]
